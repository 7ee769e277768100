FROM debian:12
# want: DKS1013
COPY --from=alpine /etc/apk/arch /root/
FROM alpine:3.20 AS alpine
