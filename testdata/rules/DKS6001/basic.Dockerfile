FROM python:3.12-slim AS build
# want: DKS6001 "CMD"
CMD python app.py
FROM python:3.12-slim
# want: DKS6001 "ENTRYPOINT"
ENTRYPOINT /usr/local/bin/start.sh --serve
# want: DKS6001 "HEALTHCHECK"
HEALTHCHECK --interval=30s CMD curl -f http://127.0.0.1/ || exit 1
