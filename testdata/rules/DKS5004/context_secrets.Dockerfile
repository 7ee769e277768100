# The context holds a .env (and a committed .env.example, which is no
# secret) and there is no .dockerignore.
# settings: {"ContextDir": "../testdata/rules/DKS5004/ctx-env"}
FROM node:22-slim
WORKDIR /app
# want: DKS5004 warning "which holds \.env, and there is no \.dockerignore"
COPY . .
CMD ["node", "server.js"]
