FROM alpine:3.20
RUN echo one
# want: DKS1003 "Command 'run' should match the case of the command majority \(uppercase\)"
run echo two
# want: DKS1003 "Command 'Copy'"
Copy a /a
