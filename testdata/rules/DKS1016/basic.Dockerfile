FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM scratch
# want: DKS1016 "copies the stage's whole filesystem"
COPY --from=build "/" "/"
