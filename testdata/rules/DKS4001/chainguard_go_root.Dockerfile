# Chainguard's go image runs as root, as its documentation says.
# want-file: DKS4001 "runs as root, as its base cgr\.dev/chainguard/go:latest does"
FROM cgr.dev/chainguard/go:latest
WORKDIR /src
COPY . .
CMD ["go", "run", "."]
