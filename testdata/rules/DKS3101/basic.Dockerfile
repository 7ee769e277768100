FROM alpine:3.20
# want: DKS3101 "use WORKDIR instead of cd"
RUN cd /opt && make
# want: DKS3101
RUN make -C /src \
    && cd /src/out && ls
