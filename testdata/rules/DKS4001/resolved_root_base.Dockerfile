# bases: {"Configs": {"registry.example.com/platform/python-base:3.12 linux/amd64": {"os": "linux", "architecture": "amd64", "config": {"User": "0:0"}}}}
# With --resolve-base the base's config says it runs as 0: the message says
# so instead of guessing.
# want-file: DKS4001 "runs as 0:0 \(root\), the user of its base registry\.example\.com/platform/python-base:3\.12"
FROM registry.example.com/platform/python-base:3.12
CMD ["python", "/app/app.py"]
