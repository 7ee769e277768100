# The distroless tag is a build argument: it may be a :debug tag, which has
# busybox's sh, so the shell-form HEALTHCHECK is not claimed to fail; it is
# the hygiene finding of any shell-form probe.
ARG TAG
FROM gcr.io/distroless/base-debian12:${TAG}
COPY app /app
# want: DKS6001 info "must keep a shell"
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/app"]
