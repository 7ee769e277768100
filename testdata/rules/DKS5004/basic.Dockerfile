FROM node:22-slim
WORKDIR /app
# want: DKS5004 "no .dockerignore"
COPY . .
# want: DKS5004 "ADD \./"
ADD ./ /srv/
CMD ["node", "server.js"]
