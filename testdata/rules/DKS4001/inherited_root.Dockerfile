FROM debian:12-slim AS base
USER 10001
# want: DKS4001 "root"
USER root
# The shipped stage inherits the last USER of the stage it is built FROM.
FROM base
COPY app /app
CMD ["/app"]
