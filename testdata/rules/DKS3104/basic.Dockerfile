FROM debian:12
# want: DKS3104 "wget without --progress"
RUN wget https://example.com/app.tar.gz
