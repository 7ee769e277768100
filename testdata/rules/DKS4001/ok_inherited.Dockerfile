FROM debian:12-slim AS base
RUN useradd -u 10001 app
USER 10001
FROM base
COPY app /app
CMD ["/app"]
