FROM alpine:3.20
# want: DKS4004 "u\+s"
RUN chmod u+s /usr/local/bin/helper
# want: DKS4004
RUN chmod 4755 /usr/local/bin/helper
# want: DKS4004
COPY --chmod=2755 helper /usr/local/bin/
# want: DKS4004 "install -m 4755"
RUN install -m 4755 helper /usr/local/bin/helper
# want: DKS4004 "chmod g\+s"
RUN mkdir -p /opt/app && chmod g+s /opt/app /usr/local/bin/helper
# want: DKS4004 "chmod u\+s"
RUN chmod u+s /srv/tool && mkdir /srv/tool
