# bases: {"Configs": {"registry.example.com/multi:1 linux/amd64": {"os": "linux", "architecture": "amd64"}}}
# Bases the registry does not answer for, scratch and stages are not judged.
FROM registry.example.com/unreachable:1 AS a
FROM scratch AS b
FROM a AS c
FROM registry.example.com/multi:1
COPY --from=b / /
COPY --from=c / /
