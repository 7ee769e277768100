FROM node:22 AS build
COPY .npmrc package.json ./
RUN npm ci && npm run build
FROM node:22-slim AS base
# Copied into a stage the shipped one is built FROM: it ships.
# want: DKS5003 "dotenv"
COPY .env /app/.env
FROM base
COPY --from=build /dist /app
