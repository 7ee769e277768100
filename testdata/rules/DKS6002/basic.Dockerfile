FROM python:3.12-slim
# want: DKS6002 "--host=0.0.0.0"
CMD ["flask", "run", "--host=0.0.0.0"]
# want: DKS6002
ENTRYPOINT gunicorn -b 0.0.0.0:8000 app:app
