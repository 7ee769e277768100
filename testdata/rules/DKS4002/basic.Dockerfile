FROM debian:12
USER app
# want: DKS4002
RUN sudo apt-get update
# want: DKS4002
RUN echo start && \
    sudo -u root make install
