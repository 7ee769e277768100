FROM nginx:1.27
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://127.0.0.1/"]
# The shell replaces itself with the server, which gets the signals.
CMD exec nginx -g 'daemon off;'
FROM python:3.12-slim
ENTRYPOINT exec gunicorn --bind 0.0.0.0:8000 app:app
