FROM python:3.12-slim
ENV FLASK_DEBUG=0 FLASK_ENV=production
CMD ["gunicorn", "app:app"]
