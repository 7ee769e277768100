FROM python:3.12
WORKDIR /srv
COPY src/ app/
# want: DKS5003 "GOOGLE_APPLICATION_CREDENTIALS points to ./app/sa.json, inside /srv/app"
ENV GOOGLE_APPLICATION_CREDENTIALS=./app/sa.json
# want: DKS5003 "ARG HF_TOKEN_PATH"
ARG HF_TOKEN_PATH=/srv/app/hf-token
ENV KUBECONFIG=/etc/kube/config
ARG NPM_TOKEN
# want: DKS5003 "into ~/.npmrc"
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci
# want: DKS5003 "netrc"
RUN printf 'machine git.example.com login ci password %s\n' "$GIT_PASSWORD" >> /root/.netrc
