FROM node:22
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
RUN --mount=type=secret,id=aws-key-id,env=AWS_ACCESS_KEY_ID --mount=type=secret,id=aws-secret-key,env=AWS_SECRET_ACCESS_KEY aws configure set aws_access_key_id $(cat /run/secrets/aws-key-id) && aws configure set aws_secret_access_key $(cat /run/secrets/aws-secret-key)
RUN --mount=type=secret,id=db,env=MYSQL_PWD mysql -uroot -e 'CREATE DATABASE app'
RUN mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -e 'SELECT 1'
RUN mysql -u root -p -e 'SELECT 1' < /dev/null || true
RUN docker run -p 8080:80 nginx || true
RUN curl -u "$NEXUS_USER:$NEXUS_PASSWORD" https://nexus.example.com/x -o /x
RUN curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x -o /x
RUN git clone https://github.com/acme/app.git /src && git clone git@github.com:acme/lib.git /lib
RUN git clone https://x-access-token@github.com/acme/app.git /src2
RUN pip install --index-url https://pypi.example.com/simple --password-file /run/secrets/pypi app
RUN export API_TOKEN_FILE=/run/secrets/api && ./deploy.sh
RUN export GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D && gpg --batch --recv-keys "$GPG_KEY"
RUN PASSWORD=changeme ./configure
RUN --mount=type=secret,id=reg echo x | docker login --password-stdin registry.example.com
RUN openssl enc -aes-256-cbc -pass env:KEY -in a -out b
RUN htpasswd -b -c /etc/nginx/.htpasswd admin "$ADMIN_PASSWORD"
RUN set -eux; key='B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8'; export GNUPGHOME="$(mktemp -d)"; gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key"
RUN KEY_SHA512="e7b1ef9d0f07d1e3b4f1b8f2c1d7b9a4a0c2f4e5d6b7a8c9d0e1f2a3b4c5d6e7" && echo "$KEY_SHA512 *x" | sha512sum -c -
RUN VULTR_API_KEY=fake vultr-cli version
