FROM python:3.12
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
ENV NODE_GPG_KEYS="4ED778F539E3634C779C87C6D7062848A1AB005C"
ENV DB_PASSWORD_FILE=/run/secrets/db_password
ENV PUBLIC_KEY_PATH=/etc/app/pub.pem
ENV TOKEN_URL=https://auth.example.com/token
ENV SECRET_KEY_BASE_VERSION=2
ENV KEYCLOAK_HOST=keycloak
ENV REPO_URL=https://git.example.com/app.git
ENV PASSWORD_URL=https://user:${PASSWORD}@git.example.com/app.git
ENV MONKEY=banana
ENV AUTH_USER=admin
RUN --mount=type=secret,id=token,env=TOKEN ./fetch.sh
