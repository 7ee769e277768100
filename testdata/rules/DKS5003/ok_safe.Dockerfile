FROM node:22 AS build
COPY .npmrc package.json ./
COPY id_rsa /root/.ssh/id_rsa
RUN npm ci && npm run build
FROM nginx:1.27
COPY certs/server.crt /etc/nginx/tls/
COPY certs/*.pem /etc/ssl/certs/
COPY ca.pem fullchain.pem /etc/ssl/
COPY nginx_signing.key /tmp/
COPY repo-signing.key /etc/apt/keyrings/
COPY truststore.jks /etc/app/
COPY .env.example /app/.env.example
COPY known_hosts /root/.ssh/known_hosts
COPY known_hosts /root/.ssh
COPY id_ed25519.pub /root/.ssh/
COPY config/app.json /app/config.json
COPY --from=build /dist /usr/share/nginx/html
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
RUN --mount=type=secret,id=tok echo "//registry.npmjs.org/:_authToken=$(cat /run/secrets/tok)" > ~/.npmrc && npm ci
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci && rm -f ~/.npmrc
RUN echo "registry=https://registry.example.com/" > ~/.npmrc
ENV GOOGLE_APPLICATION_CREDENTIALS=/credentials/google-storage-service.json
COPY /src /src
ENV AWS_SHARED_CREDENTIALS_FILE=./app/google-storage-service.json
ADD https://example.com/id_rsa.pub.txt /tmp/
