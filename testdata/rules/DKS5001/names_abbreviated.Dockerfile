FROM debian:12
# Passwords named by an abbreviation at the end of the name, or run into
# the account's word (LDAP_ROOTPASS, as in osixia-style LDAP images).
# want: DKS5001 "ENV MYSQL_PWD"
ENV MYSQL_PWD=Sup3rS3cret
# want: DKS5001 "ENV LDAP_ROOTPASS"
ENV LDAP_ROOTPASS=Sup3rS3cret
# want: DKS5001 "ENV RABBITMQ_DEFAULT_PASS"
ENV RABBITMQ_DEFAULT_PASS=Sup3rS3cret
# want: DKS5001 "ENV KEYSTOREPASS"
ENV KEYSTOREPASS=Sup3rS3cret
# want: DKS5001 "ARG SIGNING_KEY_PASSPHRASE"
ARG SIGNING_KEY_PASSPHRASE=Sup3rS3cret
# want: DKS5001 "ARG DB_PW"
ARG DB_PW=Sup3rS3cret
