# want: DKS1007 "Comment for ARG should follow the format: `# version <description>`"
# the release to build
ARG version=1.0
# want: DKS1007 "Comment for FROM"
# the base
FROM alpine:3.20 AS base
# want: DKS1007 "<arg_key>"
# two of them
ARG a=1 b=2
