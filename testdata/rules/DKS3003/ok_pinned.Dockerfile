FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends -t bookworm-backports python3=3.11.2-1+b1 ./local.deb curl/bookworm \
 && rm -rf /var/lib/apt/lists/*
RUN apk add --no-cache flex=2.6.4-r1 "libffi~3.2.1" "python3<3.13" -X https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0
RUN apk add --virtual .build-deps gcc=13.2.1_git20240309-r0
RUN pip install --no-cache-dir -r requirements.txt . ./pkg mypkg.whl 'alabaster>=0.7' requests==2.32.3 "git+https://github.com/org/repo.git@v1.0#egg=repo"
RUN pip install --no-cache-dir pykafka -c constraints.txt
RUN pipx install --python "$(which python3)" "poetry==1.8.5"
RUN npm install && npm ci && npm install express@4.19.2 @scope/pkg@1.0.0 ./local pkg.tgz git+https://github.com/npm/npm.git#v1.0.27
RUN gem install bundler:2.5.0 && gem install rails -v 7.1.3 && gem install nokogiri:1.16.0 -- --use-system-libraries
RUN gem install bundler:2.0.1 --use-system-libraries true
RUN yum install -y openssl-1:1.1.1k gcc-c++-11.4.1 ./local.rpm && yum module install -y nodejs:20 && yum group install -y "Development Tools" && yum clean all
RUN zypper -n install tomcat=9.0.39 "tomcat>=9.0" && zypper -n install -t pattern devel_basis && zypper clean
RUN go install golang.org/x/tools/gopls@v0.16.1 && go install ./cmd/... && go get && go run . && go run example.com/pkg@v1.2.3 foo
RUN pipenv install black
RUN npm run --crazy install
