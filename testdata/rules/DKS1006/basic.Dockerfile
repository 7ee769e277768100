FROM alpine:3.20
# want: DKS1006 "\"ENV key=value\" should be used"
ENV APP_HOME /app
# want: DKS1006 "LABEL"
LABEL version 1.0
