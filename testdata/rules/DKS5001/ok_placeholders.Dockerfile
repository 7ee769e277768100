FROM ruby:3.3
# Rails precompiles assets with a stand-in key; the real one comes at run time.
ARG SECRET_KEY_BASE=precompile_placeholder
RUN SECRET_KEY_BASE=dummy bundle exec rails assets:precompile
# A placeholder ARG default only asks for a value at build time.
ARG ADMIN_PASSWORD=changeme
# Declared, not set: quoted empty values store nothing.
ENV MARIADB_ROOT_PASSWORD="" \
    SMTP_PASSWORD='' \
    API_KEY= \
    SECRET=
# A relative path to the key file, not key material.
ENV NGROK_CA_KEY assets/client/tls/ngrokroot.key
ENV STRIPE_KEY=dummy-key
