FROM debian:12-slim
USER app
RUN id
# want: DKS4001 "root"
USER root:root
CMD ["/app"]
