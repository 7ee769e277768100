FROM golang:1.23-alpine
COPY . /go/src/app
# app/server has no host name in its first element: the go command builds
# it from GOPATH (what COPY put there), it fetches nothing.
RUN go get -v app/server && go install app/server
# Go 1.24's tool pattern: the tools and packages named beside it are built at
# the versions the main module's go.mod requires (moby/buildkit's hack files).
FROM golang:1.24-alpine AS tools
WORKDIR /src
COPY go.mod go.sum ./
RUN go install tool \
    github.com/planetscale/vtprotobuf/cmd/protoc-gen-go-vtproto \
    google.golang.org/grpc/cmd/protoc-gen-go-grpc
