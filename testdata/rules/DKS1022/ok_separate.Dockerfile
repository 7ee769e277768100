FROM alpine:3.20
ENV APP=/opt/app
ENV BIN=$APP/bin
ENV PATH=/opt/app/bin:$PATH
ENV BLA="blubb" BLUBB="${BLAFOO}/blubb"
