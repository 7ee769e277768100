FROM docker:29-cli AS dind
ENV DOCKER_TLS_CERTDIR=/certs
# Docker-in-Docker exposes both; its daemon listens with TLS on 2376.
# want: DKS6004 info "2376 is exposed too"
EXPOSE 2375 2376
ENTRYPOINT ["dockerd-entrypoint.sh"]
CMD []
FROM docker:29-cli AS dind-no-tls
# TLS switched off: the plain API on 2375 is what is served.
ENV DOCKER_TLS_CERTDIR=
# want: DKS6004 warning "EXPOSE 2375 opens port 2375 \(the Docker API without TLS\)$"
EXPOSE 2375 2376
ENTRYPOINT ["dockerd-entrypoint.sh"]
FROM alpine:3.20 AS gitserver
RUN apk add --no-cache git openssh \
	&& sed -i "s/#PasswordAuthentication yes/PasswordAuthentication no/" /etc/ssh/sshd_config
# An SSH server image serving keys only.
# want: DKS6004 info "SSH server"
EXPOSE 22
CMD ["/usr/sbin/sshd", "-D", "-e"]
FROM ubuntu:20.04
# sshd with a password login for a test user: a remote-admin door.
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \
	&& echo 'test:test' | chpasswd
# want: DKS6004 warning "SSH"
EXPOSE 22
CMD ["/usr/sbin/sshd", "-D"]
