FROM debian:12
RUN useradd --uid 10001 -g 10001 -m app && groupadd -g 10002 web
