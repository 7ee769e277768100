FROM alpine:3.20
# want: DKS3010 "apk --allow-untrusted"
RUN apk add --no-cache --allow-untrusted /tmp/tool.apk
# want: DKS3010 "apt-get --allow-unauthenticated"
RUN apt-get install -y --allow-unauthenticated tool
# want: DKS3010 "apt-get --force-yes"
RUN apt-get install --force-yes tool
# want: DKS3010 "AllowUnauthenticated=true"
RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y tool
# want: DKS3010 "echo writes a \[trusted=yes\] source"
RUN echo "deb [trusted=yes] http://repo.example.com/ ./" > /etc/apt/sources.list.d/example.list
# want: DKS3010 "yum --nogpgcheck"
RUN yum install -y --nogpgcheck tool-1.0
# want: DKS3010 "dnf --setopt gpgcheck=0"
RUN dnf install -y --setopt=gpgcheck=0 tool-1.0
# want: DKS3010 "rpm --nosignature"
RUN rpm -ivh --nosignature --nodigest /tmp/tool.rpm
# want: DKS3010 "sed writes gpgcheck=0"
RUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.repos.d/example.repo
# want: DKS3010 "zypper --no-gpg-checks"
RUN zypper --no-gpg-checks -n in tool
# want: DKS3010 "GOSUMDB=off"
ENV GOSUMDB=off
# want: DKS3010 "microdnf --nogpgcheck"
ONBUILD RUN microdnf install -y --nogpgcheck tool
# want: DKS3010 "cat writes gpgcheck=0"
RUN cat > /etc/yum.repos.d/example.repo <<EOF
[example]
baseurl=https://repo.example.com/
gpgcheck=0
EOF
