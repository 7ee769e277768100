FROM debian:12
# want: DKS3011 "chpasswd sets account passwords.*also in the Dockerfile"
RUN useradd -m app && echo 'app:changeme' | chpasswd
# want: DKS3011 "passwd -d removes the password"
RUN passwd -d root
# want: DKS3011 "useradd -p sets an account password hash"
RUN useradd -m -p "$(openssl passwd -1 changeme)" admin
# want: DKS3011 "chpasswd"
RUN chpasswd < /run/secrets/passwords
# want: DKS3011 "passwd sets an account password from its input"
ONBUILD RUN printf 'pw\npw\n' | passwd app
# want: DKS3011 "chpasswd"
RUN <<EOF
chpasswd <<PW
root:secret
PW
EOF
# A password from a build secret is not in the history, but its hash ships.
# want: DKS3011 "ships in /etc/shadow$"
RUN --mount=type=secret,id=pw echo "app:$(cat /run/secrets/pw)" | chpasswd
