FROM alpine:3.20
# want: DKS1029 "reserved for Docker"
LABEL com.docker.label="foo"
# want: DKS1029 "invalid\$character"
LABEL invalid$character="foo"
# want: DKS1029 "\.invalid"
LABEL .invalid="foo"
# want: DKS1029 "1invalid"
LABEL 1invalid="foo"
# want: DKS1029 "invalid\.\.character"
LABEL invalid..character="foo" ok.key=1
# want: DKS1029 "Build_Date"
LABEL Build_Date=2024
# Only the extension SDK's keys are Docker's to ask for.
# want: DKS1029 "com.docker.desktop.version.*reserved for Docker"
LABEL com.docker.desktop.version="4.30"
