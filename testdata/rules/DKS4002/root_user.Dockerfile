FROM debian:12
USER app
# want: DKS4002
RUN sudo -u root apt-get update
