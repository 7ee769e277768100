ARG VERSION=3.20
# want: DKS1017 "FROM argument 'VERISON' is not declared \(did you mean VERSION\?\)"
FROM alpine:${VERISON}
# want: DKS1017 "FROM argument 'BULIDPLATFORM' is not declared \(did you mean BUILDPLATFORM\?\)"
FROM --platform=$BULIDPLATFORM alpine:3.20
