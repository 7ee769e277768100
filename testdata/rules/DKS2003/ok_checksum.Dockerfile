FROM alpine:3.20
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2015d0a0b9e7e0d4 https://example.com/tool.tar.gz /opt/
ADD https://github.com/moby/buildkit.git#v0.14.0 /src
ADD local.tar.gz /opt/
ADD https://github.com/golangci/golangci-lint.git?ref=v1.61.0&keep-git-dir=1 /src
