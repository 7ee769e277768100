FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server && mkdir /var/run/sshd
# The rastasheep/ubuntu-sshd shape.
# want: DKS4010 warning "sed -i sets PermitRootLogin yes in /etc/ssh/sshd_config: root logs in with a password"
RUN sed -ri 's/^#?PermitRootLogin\s+.*/PermitRootLogin yes/' /etc/ssh/sshd_config
# want: DKS4010 "echo sets PasswordAuthentication yes"
RUN echo "PasswordAuthentication yes" >> /etc/ssh/sshd_config
# want: DKS4010 "PermitEmptyPasswords yes"
RUN sed -i -e '$a PermitEmptyPasswords yes' /etc/ssh/sshd_config
# want: DKS4010 "tee sets PermitRootLogin yes in /etc/ssh/sshd_config.d/root.conf"
RUN printf 'PermitRootLogin yes\n' | tee /etc/ssh/sshd_config.d/root.conf
# want: DKS4010 "PermitRootLogin yes"
# want: DKS4010 "PasswordAuthentication yes"
COPY context/sshd_config /etc/ssh/sshd_config
EXPOSE 22
CMD ["/usr/sbin/sshd", "-D"]
