FROM debian:12
COPY packaged-app.tar /usr/src/app
WORKDIR /usr/src/app
# want: DKS1033 "tar extracts packaged-app.tar, copied at line 2"
RUN echo start && tar -xf packaged-app.tar
COPY build\foo\bar.tar.gz "C:\Program Files\foo.tar.gz"
# want: DKS1033 "foo.tar.gz"
RUN tar xzf foo.tar.gz
