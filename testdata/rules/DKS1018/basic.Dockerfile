ARG VERSION
ARG SFX="box:"
# want: DKS1018 "Default value for ARG busybox:\$VERSION results in empty or invalid base image name"
FROM busybox:$VERSION
# want: DKS1018 "busy\$\{SFX\}"
FROM busy${SFX}
