# The context's .dockerignore keeps .git and .env out but not the key
# file the context holds.
# settings: {"ContextDir": "../testdata/rules/DKS5004/ctx-key"}
FROM node:22-slim
WORKDIR /app
# want: DKS5004 warning "which holds signing\.key, and \.dockerignore does not exclude them"
COPY . .
CMD ["node", "server.js"]
