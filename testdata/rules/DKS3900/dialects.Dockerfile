# What the shell really lacks is still reported, as a warning.
FROM debian:12
# want: DKS3900 warning "SC3020 \(error\): In dash, &> is not supported"
RUN id app &>/dev/null || useradd app
FROM alpine:3.20
# busybox ash has no brace expansion.
# want: DKS3900 warning "SC3009"
RUN for i in {1..3}; do echo "$i"; done
# Quoting a value that holds no spaces is style: info.
# want: DKS3900 info "SC2046"
RUN apk add --no-cache $(cat /pkgs.txt)
