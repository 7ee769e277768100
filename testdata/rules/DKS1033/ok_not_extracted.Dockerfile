FROM debian:12
COPY packaged-app.tar /usr/src/app/
COPY --from=builder /usr/local/share/some.tar /opt/some.tar
RUN tar -tf /opt/some.tar
RUN tar -cf /tmp/out.tar /usr/src/app/packaged-app.tar
COPY package.json /usr/src/app/
