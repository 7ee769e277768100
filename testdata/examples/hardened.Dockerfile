# syntax=docker/dockerfile:1
# A hardened multi-stage build: nothing at warning or above.
ARG PYTHON_VERSION=3.12.7
FROM python:${PYTHON_VERSION}-slim-bookworm AS build
WORKDIR /src
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:${PYTHON_VERSION}-slim-bookworm
RUN useradd --system --uid 10001 --no-create-home app
WORKDIR /app
COPY --from=build /wheels /wheels
RUN --mount=type=secret,id=pip_token,env=PIP_TOKEN \
    pip install --no-cache-dir --no-index --find-links=/wheels /wheels/* \
    && rm -rf /wheels
COPY --chown=app:app app.py .
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
ENTRYPOINT ["gunicorn", "--bind", "127.0.0.1:8000", "app:app"]
