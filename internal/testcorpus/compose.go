package testcorpus

import (
	"fmt"
	"strings"
)

// SyntheticCompose builds a compose file of n services shaped like real
// ones (about 30 lines each): an anchor merged into every service, short
// and long port and volume syntax, environment in both forms with literal,
// interpolated and pass-through values, build, healthcheck and deploy
// limits. The compose benchmarks and scripts/bench.sh load it.
func SyntheticCompose(n int) []byte {
	var b strings.Builder
	b.WriteString("name: synthetic\n\nx-defaults: &defaults\n  restart: unless-stopped\n  logging:\n    driver: json-file\n    options: {max-size: 10m}\n\nservices:\n")
	for i := range n {
		fmt.Fprintf(&b, `  svc%d:
    <<: *defaults
    image: registry.example.com/team/svc%d:${TAG:-1.%d.0}
    build:
      context: ./svc%d
      args:
        VERSION: "1.%d"
    user: "1000:1000"
    ports:
      - "127.0.0.1:%d:8080"
      - target: 9090
        published: "%d"
    environment:
      LOG_LEVEL: info
      DB_PASSWORD: ${DB_PASSWORD}
      CACHE_URL:
    volumes:
      - ./svc%d/config:/etc/svc:ro
      - type: volume
        source: data%d
        target: /var/lib/svc
    cap_drop: [ALL]
    security_opt: [no-new-privileges:true]
    read_only: true
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]
      interval: 30s
    deploy:
      resources:
        limits: {memory: 256M, cpus: "0.5", pids: 200}
`, i, i, i, i, i, 10000+i, 20000+i, i, i)
	}
	b.WriteString("\nvolumes:\n")
	for i := range n {
		fmt.Fprintf(&b, "  data%d: {}\n", i)
	}
	return []byte(b.String())
}
