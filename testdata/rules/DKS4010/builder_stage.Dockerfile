# A test stage's sshd is not in the image: info.
FROM debian:12 AS sshtest
# want: DKS4010 info "PermitRootLogin yes"
RUN sed -i 's/#PermitRootLogin prohibit-password/PermitRootLogin yes/' /etc/ssh/sshd_config

FROM debian:12
RUN useradd -r app
USER app
