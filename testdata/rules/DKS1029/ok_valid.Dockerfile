FROM alpine:3.20
ARG KEY=org.example.key
LABEL org.valid-key.label3="foo" validlabel="foo" maintainer=team@example.com
LABEL ${KEY}=value
# Docker Desktop extensions are described by labels Docker's SDK defines.
LABEL org.opencontainers.image.title="Logs Explorer" \
    com.docker.desktop.extension.api.version="0.3.4" \
    com.docker.desktop.extension.icon="https://example.com/icon.svg" \
    com.docker.extension.screenshots='[{"alt":"main","url":"https://example.com/1.png"}]' \
    com.docker.extension.publisher-url="https://example.com"
