FROM debian:12
# want: DKS4009 warning "usermod adds dev to the sudo group"
RUN useradd -m dev && usermod -aG sudo dev
# want: DKS4009 warning "gpasswd adds ops to the wheel group"
RUN gpasswd -a ops wheel
# want: DKS4009 warning "adduser adds dev to the sudo group"
RUN adduser dev sudo
# vimagick/dockerfiles' ansible image: supplementary sudo, primary root.
# want: DKS4009 warning "useradd adds test to the sudo group"
RUN useradd -rm -d /home/ubuntu -s /bin/bash -g root -G sudo -u 1000 test
# docker/awesome-compose's dev-envs stage: the docker group is root only
# with the socket mounted, so info.
# want: DKS4009 info "usermod adds vscode to the docker group"
RUN usermod -aG docker vscode
# want: DKS4009 info "adduser adds vscode to the docker group"
RUN addgroup -S docker && adduser -S --shell /bin/bash --ingroup docker vscode
# want: DKS4009 info "to the root group"
RUN usermod -aG root dockle
USER dev
# Exec form: the same commands, run without a shell.
# want: DKS4009 "usermod adds ops to the wheel group"
RUN ["usermod", "-aG", "wheel", "ops"]
