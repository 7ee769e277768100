FROM python:3.12-slim AS build
# want: DKS6001 "CMD"
CMD python app.py
FROM python:3.12-slim
# want: DKS6001 "ENTRYPOINT"
ENTRYPOINT /usr/local/bin/start.sh --serve
