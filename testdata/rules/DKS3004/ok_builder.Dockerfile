FROM node:20 AS build
RUN yarn install && yarn build
RUN apt-get update && apt-get install -y --no-install-recommends jq
FROM nginx:1.27
COPY --from=build /app/dist /usr/share/nginx/html
