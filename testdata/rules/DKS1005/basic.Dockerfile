FROM alpine:3.20
# want: DKS1005 "Maintainer instruction is deprecated"
MAINTAINER team@example.com
