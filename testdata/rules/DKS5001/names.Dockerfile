FROM alpine:3.20
# want: DKS5001 "ENV LDAP_ADMIN_PW"
ENV LDAP_ADMIN_PW=Sup3rS3cret
# want: DKS5001 "ENV SMTP_PASS"
ENV SMTP_PASS=Sup3rS3cret
# want: DKS5001 "ENV GPGPASSPHRASE"
ENV GPGPASSPHRASE=Sup3rS3cret
# A default credential in ENV ships with the image.
# want: DKS5001 "ENV DB_PASSWORD"
ENV DB_PASSWORD=changeme
