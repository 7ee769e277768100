FROM node:22 AS web
RUN npm run build
FROM nginx:1.27 AS serve
COPY --from=web /app/dist /srv
