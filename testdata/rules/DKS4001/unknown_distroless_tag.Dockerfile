# The tag is a build argument with no default: it may be nonroot or not,
# so the message does not claim the user.
ARG TAG
FROM golang:1.23 AS build
RUN go build -o /app .
# want-file: DKS4001 "inherits the user of its base gcr\.io/distroless/static-debian12:.*root unless that image sets one"
FROM gcr.io/distroless/static-debian12:${TAG}
COPY --from=build /app /app
ENTRYPOINT ["/app"]
