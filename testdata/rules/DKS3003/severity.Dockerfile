FROM golang:1.23-alpine
# OS packages: the repository carries the release's current patch level only.
# want: DKS3003 info "apk add without a pinned version: git"
RUN apk add --no-cache git
# A language index serves every release ever published.
# want: DKS3003 warning "pip install without a pinned version: requests"
RUN pip install --no-cache-dir requests
# want: DKS3003 warning "go install without a pinned version"
RUN go install golang.org/x/tools/gopls@latest
