FROM node:22
# want: DKS5002 "npm auth token"
RUN npm config set //registry.npmjs.org/:_authToken=abcdef0123456789abcdef && npm ci
# want: DKS5002 "npm auth token"
RUN echo "//registry.npmjs.org/:_authToken=abcdef0123456789abcdef" > ~/.npmrc && npm ci && rm ~/.npmrc
# want: DKS5002 "mysql -p is given a literal password"
RUN mysql -uroot -ps3cr3tpass -e 'CREATE DATABASE app'
# want: DKS5002 "docker login -p"
RUN docker login -u ci -p hunter22hunter registry.example.com
# want: DKS5002 "--password is given a literal value"
RUN skopeo copy --dest-creds ci:$X --password=hunter22hunter docker://a docker://b
# want: DKS5002 "sshpass -p"
RUN sshpass -p s3cr3t ssh deploy@host true
# want: DKS5002 "curl -u is given a literal password"
RUN curl -u admin:s3cr3tpw https://nexus.example.com/repository/x/a.tgz -o a.tgz
# want: DKS5002 "pip is passed a password in a URL"
RUN pip install --index-url https://ci:s3cr3tpw@pypi.example.com/simple app
# want: DKS5002 "token as its user name"
RUN git clone https://a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0@github.com/acme/private.git /src
# want: DKS5002 "AWS access key ID"
RUN AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE aws s3 cp s3://bucket/x /x
# want: DKS5002 "literal value to API_TOKEN"
RUN export API_TOKEN=abcd1234efgh && ./deploy.sh
# want: DKS5002 "an authorization header"
RUN curl -H "Authorization: Bearer abcdef0123456789abcdef" https://api.example.com/x -o /x
ARG AWS_KEY
# want: DKS5002 "aws configure stores a credential in ~/.aws/credentials"
RUN aws configure set aws_secret_access_key "$AWS_KEY"
# want: DKS5002 "gcloud auth stores"
RUN if [[-z "$GOOGLE_APPLICATION_CREDENTIALS"]]; then gcloud auth activate-service-account --key-file=${GOOGLE_APPLICATION_CREDENTIALS}; fi
# want: DKS5002 "docker login stores"
RUN echo "$REGISTRY_PASSWORD" | docker login --username ci --password-stdin registry.example.com
# want: DKS5002 "private key"
RUN cat > /root/.ssh/id_ed25519 <<EOF
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
-----END OPENSSH PRIVATE KEY-----
EOF
# want: DKS5002 "RUN contains a GitHub token"
RUN ["/bin/fetch", "--auth", "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"]
# want: DKS5002 "netrc password"
RUN echo "machine git.example.com login ci password hunter22hunter" > /root/.netrc && git clone https://git.example.com/app.git
