FROM debian:12
# want: DKS3003 "apt-get install without a pinned version: python3, curl; pin it, e.g. python3=<version>"
RUN apt-get update && apt-get install -y --no-install-recommends python3 curl jq=1.6-2.1 \
 && rm -rf /var/lib/apt/lists/*
# want: DKS3003 "apk add .*flex"
RUN apk add --no-cache flex bison=3.8.2-r1
# want: DKS3003 "pip install .*requests; pin it, e.g. requests==<version>"
RUN python3 -m pip install --no-cache-dir --index-url https://pypi.example.com/simple requests
# want: DKS3003 "git\+https://github.com/org/repo.git@<tag-or-commit>#egg=repo"
RUN pip install git+https://github.com/org/repo.git#egg=repo
# want: DKS3003 "npm install without a pinned version: express@latest; pin it, e.g. express@<version>"
RUN npm install -g express@latest sax@0.1.1
# want: DKS3003 "gem install without a pinned version: bundler"
RUN gem install bundler
# want: DKS3003 "yum install without a pinned version: tomcat"
RUN yum install -y tomcat httpd-2.4.62 && yum clean all
# want: DKS3003 "dnf module install .*nodejs; pin it, e.g. nodejs:<stream>"
RUN dnf module install -y nodejs && dnf clean all
# want: DKS3003 "microdnf install .*rpm-sign"
RUN microdnf install -y rpm-sign && microdnf clean all
# want: DKS3003 "zypper install .*tomcat; pin it, e.g. tomcat=<version>"
RUN zypper -n install tomcat && zypper clean
# want: DKS3003 "go install .*gopls@v<version>"
RUN go install golang.org/x/tools/gopls@latest
# want: DKS3003 "go run"
RUN go run github.com/example/tool -flag value
# want: DKS3003 "sudo|apt-get"
RUN sudo apt-get install -y --no-install-recommends vim
# want: DKS3003 "apt-get"
RUN ["apt-get", "install", "-y", "vim"]
# The tool pattern pins what go.mod declares, not a package asked @latest.
# want: DKS3003 "go install"
RUN go install tool golang.org/x/tools/cmd/stringer@latest
