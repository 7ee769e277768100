FROM python:3.12-slim AS dev
CMD ["flask", "run", "--host=0.0.0.0"]
FROM python:3.12-slim
CMD ["gunicorn", "--bind", "127.0.0.1:8000", "app:app"]
