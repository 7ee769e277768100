# COPY --from by stage index, through an intermediate stage that ships.
# want: DKS2009 warning "Go 1\.21 reached end of life on 2024-08-13"
FROM golang:1.21
RUN go build -o /app .

FROM alpine:3.22 AS runtime
COPY --from=0 /app /usr/local/bin/app

FROM runtime
CMD ["app"]
