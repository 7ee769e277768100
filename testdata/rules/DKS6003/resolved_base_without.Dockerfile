# bases: {"Configs": {"registry.example.com/platform/web-base:2 linux/amd64": {"os": "linux", "architecture": "amd64", "config": {"User": "10001"}}}}
# The base's config, read with --resolve-base, defines no health check.
# want-file: DKS6003
FROM registry.example.com/platform/web-base:2
CMD ["/srv/web"]
