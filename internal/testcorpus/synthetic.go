package testcorpus

import (
	"fmt"
	"strings"
)

// Synthetic builds a realistic Dockerfile of about n lines: repeated
// multi-stage blocks with long RUN && chains, heredocs, ARG/ENV use,
// COPY --from and a final USER, the shapes that make rules walk stages,
// scopes and shell commands. The linear-cost tests, the 50,000-line
// benchmark and scripts/bench.sh (through scripts/synthetic) all lint it.
func Synthetic(n int) []byte {
	var b strings.Builder
	b.WriteString("# syntax=docker/dockerfile:1\nARG BASE=debian:bookworm-slim\n")
	lines := 2
	for s := 0; lines < n; s++ {
		start := b.Len()
		fmt.Fprintf(&b, "FROM ${BASE} AS s%d\n", s)
		fmt.Fprintf(&b, "ARG VERSION_%d=1.%d.0\nENV APP_HOME=/opt/app%d PATH=/opt/app%d/bin:$PATH\n", s, s, s, s)
		b.WriteString("RUN set -eux; \\\n")
		for i := range 12 {
			fmt.Fprintf(&b, "    apt-get update && apt-get install -y --no-install-recommends pkg%d=${VERSION_%d} && \\\n", i, s)
			fmt.Fprintf(&b, "    curl -fsSL https://example.org/%d/v${VERSION_%d}.tgz | tar -xz -C /opt && \\\n", i, s)
		}
		b.WriteString("    rm -rf /var/lib/apt/lists/*\n")
		b.WriteString("RUN curl -fsSL https://example.org/install.sh | sh\n")
		b.WriteString("RUN <<EOF\nset -e\nfor f in /opt/*; do chmod 755 \"$f\"; done\necho \"$(date) $(uname -a)\" > /built\nEOF\n")
		if s > 0 {
			fmt.Fprintf(&b, "COPY --from=s%d /opt /opt\n", s-1)
		}
		b.WriteString("WORKDIR $APP_HOME\nEXPOSE 8080\nUSER 1000:1000\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\n")
		b.WriteString("CMD [\"/opt/app/bin/server\", \"--port\", \"8080\"]\n")
		lines += strings.Count(b.String()[start:], "\n")
	}
	return []byte(b.String())
}
