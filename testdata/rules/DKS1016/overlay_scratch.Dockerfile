FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
# Not the first step of the scratch stage: an overlay, not a squash.
# want: DKS1016
COPY --from=build / /
