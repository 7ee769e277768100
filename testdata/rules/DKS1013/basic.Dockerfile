FROM golang:1.23 AS builder
RUN go build -o /app .
FROM alpine:3.20
# want: DKS1013 "COPY --from=buidler names no earlier stage"
COPY --from=buidler /app /app
# want: DKS1013 "COPY --from=1 does not refer to an earlier stage"
COPY --from=1 /app /app
# want: DKS1013 "names no earlier stage"
COPY --from=later /x /x
FROM alpine:3.20 AS later
