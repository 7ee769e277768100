FROM debian:12 AS build
# want: DKS3009 "ENV NODE_TLS_REJECT_UNAUTHORIZED=0"
# want: DKS3009 "ENV PYTHONHTTPSVERIFY=0"
ENV NODE_TLS_REJECT_UNAUTHORIZED=0 PYTHONHTTPSVERIFY=0
# want: DKS3009 "ARG GIT_SSL_NO_VERIFY=1"
ARG GIT_SSL_NO_VERIFY=1
# want: DKS3009 "curl -k"
RUN curl -fsSLk https://example.com/a -o /a
# want: DKS3009 "wget --no-check-certificate"
RUN wget -q --no-check-certificate https://example.com/b
# want: DKS3009 "git http.sslVerify false"
RUN git config --global http.sslVerify false
# want: DKS3009 "git http.sslVerify"
RUN git -c http.sslVerify=false clone https://example.com/repo.git
# want: DKS3009 "pip --trusted-host"
RUN pip install --no-cache-dir --trusted-host pypi.example.com flask==3.0.3
# want: DKS3009 "PIP_TRUSTED_HOST=pypi.example.com"
RUN PIP_TRUSTED_HOST=pypi.example.com pip install --no-cache-dir flask==3.0.3
# want: DKS3009 "export GOINSECURE"
RUN export GOINSECURE=example.com && go mod download
# want: DKS3009 "npm strict-ssl false"
RUN npm config set strict-ssl false
# want: DKS3009 "yarn strict-ssl false"
RUN yarn config set strict-ssl false
# want: DKS3009 "yum-config-manager --setopt sslverify=0"
RUN yum-config-manager --save --setopt=docker-ce.sslverify=0
# want: DKS3009 "echo writes sslverify=0"
RUN echo "sslverify=false" >> /etc/yum.conf
# want: DKS3009 "Verify-Peer"
RUN apt-get -o Acquire::https::Verify-Peer=false update
# want: DKS3009 "curl -k"
ONBUILD RUN curl -k https://example.com/c
# want: DKS3009 "wget"
RUN <<EOF
set -e
wget --no-check-certificate https://example.com/d
EOF
# want: DKS3009 "NPM_CONFIG_STRICT_SSL"
ENV NPM_CONFIG_STRICT_SSL=false
