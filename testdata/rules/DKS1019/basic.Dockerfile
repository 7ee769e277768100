# want: DKS1019 "predefined \$TARGETPLATFORM"
FROM --platform=$TARGETPLATFORM alpine:3.20
# want: DKS1019 "predefined \$\{TARGETPLATFORM\}"
FROM --platform=${TARGETPLATFORM} alpine:3.20
