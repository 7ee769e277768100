FROM alpine:3.20
# want: DKS4005
VOLUME /var/run/docker.sock
# want: DKS4005
VOLUME ["/data", "/run/docker.sock"]
