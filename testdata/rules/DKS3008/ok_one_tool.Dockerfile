FROM alpine:3.20 AS fetch
RUN wget -q https://example.com/a
RUN curl -fsSLO https://example.com/b

FROM debian:12
COPY --from=fetch /a /a
RUN ["curl", "http://example.com"]
RUN curl -fsSLO https://example.com/c && apt-get update && apt-get install -y --no-install-recommends wget
