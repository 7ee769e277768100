FROM ubuntu:24.04
ARG SEL_USER=seluser
# SeleniumHQ/docker-selenium's base image.
# want: DKS4009 warning "echo writes a NOPASSWD rule into /etc/sudoers: every user may run every command"
# want: DKS4009 warning "to the sudo group"
RUN useradd seluser --create-home --shell /bin/bash \
  && usermod -a -G sudo seluser \
  && echo 'ALL ALL = (ALL) NOPASSWD: ALL' >> /etc/sudoers
# vimagick/dockerfiles' mediagoblin: two commands, both a way to root.
# want: DKS4009 "mediagoblin may run /usr/sbin/nginx, /bin/chown as root"
RUN echo 'mediagoblin ALL=(ALL:ALL) NOPASSWD: /usr/sbin/nginx, /bin/chown' >> /etc/sudoers
# want: DKS4009 "tee writes a NOPASSWD rule into /etc/sudoers.d/app"
RUN echo "app ALL=(ALL) NOPASSWD:ALL" | tee /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app
# want: DKS4009 "printf writes a NOPASSWD rule into /etc/sudoers.d/jenkins: jenkins may run"
RUN printf '%s\n' 'Defaults !requiretty' "jenkins ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/jenkins
# want: DKS4009 "sed -i writes a NOPASSWD rule into /etc/sudoers: members of group sudo"
RUN sed -i 's/^%sudo\s.*/%sudo ALL=(ALL:ALL) NOPASSWD: ALL/' /etc/sudoers
# want: DKS4009 "cat writes a NOPASSWD rule into /etc/sudoers.d/dev"
RUN cat > /etc/sudoers.d/dev <<'EOS'
Defaults env_keep += "HOME"
dev ALL=(root) NOPASSWD: ALL
EOS
# want: DKS4009 "COPY <<"
COPY <<EOF /etc/sudoers.d/ci
ci ALL=(ALL) NOPASSWD: ALL
EOF
# The drop-in is in the build context: judged by its content.
# want: DKS4009 "COPY context/sudoers.d/deploy writes a NOPASSWD rule into /etc/sudoers.d/deploy"
COPY context/sudoers.d/deploy /etc/sudoers.d/
USER seluser
