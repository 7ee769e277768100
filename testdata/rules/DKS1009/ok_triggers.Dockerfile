FROM alpine:3.20
ONBUILD COPY . /src
ONBUILD RUN make -C /src
ONBUILD LABEL built=true
