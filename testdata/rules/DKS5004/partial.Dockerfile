FROM python:3.12-slim AS base
# want: DKS5004 info "partial.Dockerfile.dockerignore does not exclude .env"
COPY . /app
FROM base
CMD ["python", "/app/main.py"]
