FROM golang:1.23-alpine
COPY . /go/src/app
# app/server has no host name in its first element: the go command builds
# it from GOPATH (what COPY put there), it fetches nothing.
RUN go get -v app/server && go install app/server
