FROM debian:12
RUN useradd --no-log-init -r -m app && passwd -l app && usermod -p '!' app && useradd -p '*' svc
RUN echo "use chpasswd carefully" && grep chpasswd /etc/login.defs || true
USER app
