FROM debian:12
# jessfraz/dockerfiles' gitserver: sed matches the insecure line to turn it off.
RUN sed -i "s/#PasswordAuthentication yes/PasswordAuthentication no/" /etc/ssh/sshd_config \
 && sed -i 's/PermitRootLogin yes/PermitRootLogin no/' /etc/ssh/sshd_config
RUN echo 'PermitRootLogin prohibit-password' >> /etc/ssh/sshd_config && echo '#PasswordAuthentication yes' >> /etc/ssh/sshd_config
# ssh's client config is not sshd's.
RUN echo 'PasswordAuthentication yes' >> /etc/ssh/ssh_config
COPY context/sshd_config.hardened /etc/ssh/sshd_config
# Not in the build context: nothing known.
COPY conf/sshd_config /etc/ssh/sshd_config
RUN ["/usr/sbin/sshd", "-t"]
