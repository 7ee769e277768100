FROM node:22-slim
WORKDIR /app
# want: DKS5004 info "no .dockerignore; no .git, .env or key file is in the context now"
COPY . .
# want: DKS5004 info "ADD \./"
ADD ./ /srv/
CMD ["node", "server.js"]
