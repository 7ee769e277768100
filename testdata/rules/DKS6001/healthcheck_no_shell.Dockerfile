FROM golang:1.23 AS build
RUN go build -o /app .
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
# want: DKS6001 "which gcr.io/distroless/static-debian12:nonroot does not have"
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/app"]
