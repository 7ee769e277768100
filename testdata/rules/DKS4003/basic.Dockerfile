FROM alpine:3.20
# want: DKS4003 "777"
RUN chmod -R 777 /app
# want: DKS4003
RUN chmod o+w /etc/app.conf
# want: DKS4003
COPY --chmod=666 app.conf /etc/app.conf
# want: DKS4003
RUN mkdir /data && chmod a+rwx /data
