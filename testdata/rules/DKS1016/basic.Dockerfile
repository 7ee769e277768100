FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
# want: DKS1016 "copies the stage's whole filesystem"
COPY --from=build "/" "/"
