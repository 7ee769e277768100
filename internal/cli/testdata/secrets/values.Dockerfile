# Every value below is a fake credential in a real format; none may ever
# appear in dockstride's output, whatever the format.
ARG GITHUB_TOKEN=ghp_Zq8LmN4vX2pR7sT1uW9yB3cD5eF6gH0iJ2kQ
ARG DB_PASSWORD=Tr0ub4dor-and-3-horses
FROM alpine:3.20 AS build
ARG NPM_TOKEN=npm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78
ENV AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH \
    AWS_SECRET_ACCESS_KEY=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
ENV SLACK_WEBHOOK=https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/cccccccccccccccccccccccc
ENV STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dcQq
LABEL maintainer.token="glpat-Xy9Zw8Vu7Ts6Rq5Po4Nm"
RUN curl -u admin:Sup3rS3cretPassw0rd https://example.org/api && \
    curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U" https://example.org && \
    git clone https://deploy:Gl0balDeployKey99@git.example.org/repo.git && \
    mysql -uroot -pMyS3cretSqlPw -e 'select 1' && \
    echo "//registry.npmjs.org/:_authToken=npm_Zz98Yy76Xx54Ww32Vv10Uu98Tt76Ss54Rr32" > /root/.npmrc && \
    export API_KEY=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY
RUN <<EOF
echo "-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
-----END RSA PRIVATE KEY-----" > /root/.ssh/id_rsa
EOF
ADD https://fetch:AddUrlPassw0rdX@files.example.org/tool.tgz /opt/
HEALTHCHECK CMD curl -f https://probe:Hc-Passw0rd-777@localhost/health || exit 1
FROM alpine:3.20
COPY --from=build /opt /opt
CMD ["sh", "-c", "app --password=CmdLineSecretVal42 --token xoxb-123456789012-abcdefABCDEF"]
