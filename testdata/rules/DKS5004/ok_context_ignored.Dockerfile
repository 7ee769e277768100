# The context holds a .env, which its .dockerignore excludes.
# settings: {"ContextDir": "../testdata/rules/DKS5004/ctx-ignored"}
FROM node:22-slim
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
