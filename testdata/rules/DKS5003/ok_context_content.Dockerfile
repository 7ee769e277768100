# Issue 16: a credential file's name alone is not a finding when the build
# context holds the file and its content shows no credential. Yarn's
# config here names the registry and reads the token from the environment;
# the .npmrc only sets the registry; server.pem is a certificate, not a key.
FROM node:22
COPY context/.yarnrc.yml context/.npmrc ./
COPY context/tls/server.pem /etc/nginx/tls/
