FROM golang:1.23 AS build
RUN go build -o /app .
# want-file: DKS4001 "sets no USER"
FROM debian:12-slim
COPY --from=build /app /app
CMD ["/app"]
