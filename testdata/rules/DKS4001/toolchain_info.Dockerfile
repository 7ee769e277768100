# docker-node's shape: a language base image whose process is the REPL;
# the Dockerfile built on it sets the user that runs the application.
# want: DKS4001 info "its process is node with nothing to run"
FROM debian:bookworm-slim
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD [ "node" ]
