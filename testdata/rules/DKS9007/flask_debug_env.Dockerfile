FROM python:3.12-slim
# want: DKS9007
ENV FLASK_DEBUG=1
CMD ["flask", "run"]
