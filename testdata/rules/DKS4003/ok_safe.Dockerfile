FROM alpine:3.20
RUN chmod -R 755 /app && chmod 644 /etc/app.conf
RUN chmod 1777 /tmp/cache && chmod +x /entrypoint.sh && chmod u+w /app/data
COPY --chmod=0755 entrypoint.sh /
