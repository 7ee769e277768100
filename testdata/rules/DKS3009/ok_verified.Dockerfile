FROM debian:12
ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NODE_EXTRA_CA_CERTS=/etc/ssl/corp.pem
ARG GIT_SSL_NO_VERIFY
ENV NPM_CONFIG_STRICT_SSL=true
RUN curl -fsSL --cacert /etc/ssl/corp.pem https://example.com/a -o /a
RUN wget -q --ca-certificate=/etc/ssl/corp.pem https://example.com/b
RUN git config --global http.sslVerify true && git config --global http.sslCAInfo /etc/ssl/corp.pem
RUN pip install --no-cache-dir --cert /etc/ssl/corp.pem flask==3.0.3
RUN npm config set strict-ssl true && npm config set cafile /etc/ssl/corp.pem
RUN yum-config-manager --save --setopt=docker-ce.sslverify=1
RUN echo "curl -k is bad" && echo "insecure" > /tmp/notes
RUN ["curl", "-fsSL", "https://example.com/c"]
