# A Go toolchain past its end in a stage whose binary is copied into the
# image: the binary carries that Go's standard library, so a warning. The
# Alpine it runs on does not ship; the test stage is copied nowhere: info.
# want: DKS2009 warning "Go 1\.19 reached end of life on 2023-08-08 \(https://go\.dev/doc/devel/release\), Alpine 3\.16 .* carry its Go standard library"
FROM golang:1.19-alpine3.16 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

# want: DKS2009 info "Go 1\.20 reached end of life on 2024-02-06.*this stage does not ship"
FROM golang:1.20 AS test
RUN go test ./...

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
ENTRYPOINT ["/server"]
