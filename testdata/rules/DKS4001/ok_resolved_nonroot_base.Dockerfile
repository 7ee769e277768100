# bases: {"Configs": {"registry.example.com/platform/python-base:3.12 linux/amd64": {"os": "linux", "architecture": "amd64", "config": {"User": "10001"}}}}
# With --resolve-base the base's own config is read: it runs as 10001, and
# the stage inherits that user.
FROM registry.example.com/platform/python-base:3.12
COPY app.py /app/
CMD ["python", "/app/app.py"]
