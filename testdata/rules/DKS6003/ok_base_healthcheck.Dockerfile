# bases: {"Configs": {"registry.example.com/platform/web-base:2 linux/amd64": {"os": "linux", "architecture": "amd64", "config": {"Healthcheck": {"Test": ["CMD", "curl", "-fsS", "http://127.0.0.1:8080/healthz"]}}}}}
# With --resolve-base the base's config defines a HEALTHCHECK, which the
# image inherits.
FROM registry.example.com/platform/web-base:2
USER 10001
CMD ["/srv/web"]
