FROM ruby:3.3
# A stand-in for one RUN only is not in the image config.
RUN SECRET_KEY_BASE=dummy bundle exec rails assets:precompile
# Declared, not set: quoted empty values store nothing.
ENV MARIADB_ROOT_PASSWORD="" \
    SMTP_PASSWORD='' \
    API_KEY= \
    SECRET=
# A relative path to the key file, not key material.
ENV NGROK_CA_KEY assets/client/tls/ngrokroot.key
