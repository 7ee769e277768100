FROM debian:12
# want: DKS5003 "COPY id_rsa puts a private SSH key"
COPY id_rsa /root/.ssh/id_rsa
# want: DKS5003 "an SSH directory"
COPY keys/deploy /root/.ssh/
# want: DKS5003 "COPY .ssh puts an SSH directory"
COPY .ssh /home/app/.ssh
# want: DKS5003 "a dotenv file"
COPY .env.production /app/.env
# want: DKS5003 "npm config"
COPY .npmrc package.json ./
# want: DKS5003 "ADD secrets/server.key puts a private key"
ADD secrets/server.key /etc/app/
# want: DKS5003 "PEM private key"
COPY tls/privkey.pem /etc/app/tls/
# want: DKS5003 "writes AWS credentials to /root/.aws/credentials"
COPY aws-creds /root/.aws/credentials
# want: DKS5003 "Docker registry auth file"
COPY auth.json /root/.docker/config.json
# want: DKS5003 "\$AWS_CONFIG_FILE, a credential file"
COPY ./config $AWS_CONFIG_FILE
# want: DKS5003 "cloud credentials file"
COPY ["config/credentials.json", "/app/"]
# want: DKS5003 "OAuth client secret"
COPY client_secret_1234.apps.googleusercontent.com.json /app/
# want: DKS5003 "PKCS#12"
COPY keystore.p12 /app/
# want: DKS5003 "kubeconfig"
COPY --from=builder /out/kubeconfig /root/.kube/config
