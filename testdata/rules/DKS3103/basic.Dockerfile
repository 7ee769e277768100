FROM debian:12
# want: DKS3103 "useradd -u 123456 without -l"
RUN useradd -u 123456 luser
# want: DKS3103
RUN useradd --uid=1000000 other
