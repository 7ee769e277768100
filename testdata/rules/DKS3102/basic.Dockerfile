FROM debian:12
# want: DKS3102 "service makes no sense"
RUN service nginx start
# want: DKS3102 "top"
RUN top
