ARG ARCH=amd64
FROM golang:1.23 AS build
RUN go build -o /app .
# The base runs as nonroot (65532): nothing to report.
FROM gcr.io/distroless/static-debian12:nonroot-${ARCH}
COPY --from=build /app /app
ENTRYPOINT ["/app"]
