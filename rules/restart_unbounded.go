package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RestartUnbounded: a compose service restarted without a bound on
// retries (restart: always, unless-stopped, on-failure without a count or
// above 5; deploy.restart_policy without max_attempts or above 5).
var RestartUnbounded = &Rule{
	ID:       "DKS6204",
	Name:     "restart-unbounded",
	Title:    "Service restarts without a bound on retries",
	Severity: Info,
	Since:    "0.2.0",
	Aliases:  []string{"2fc99041-ddad-49d5-853f-e35e70a48391", "restart-policy-on-failure-not-set-to-5"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS5_15},
		CWE:      []*t.CWE{t.CWE400},
		Controls: []*t.Control{t.NIST53_SC5, t.NIST53_SI4},
	},
	Doc: Doc{
		Vulnerability: "Unbounded restart policy",
		Mitigation:    "Restart on failure with a bounded number of attempts.",

		Rationale: "A container that crashes on start and is restarted forever burns CPU and fills logs in a " +
			"loop, and hides the failure from whoever would fix it; an attacker who can crash it can keep the " +
			"host busy. `on-failure` with at most 5 attempts restarts a service that failed once and gives up " +
			"on one that cannot start. Long-running services often want `unless-stopped` on purpose, so this " +
			"is advice.",
		Impact: "Crash loops consume the host and hide failures",
		Fix:    "Use `restart: on-failure:5` (or `deploy.restart_policy` with `condition: on-failure` and `max_attempts: 5`), and alert on restarts.",
		Bad:    ComposeFiles("services:\n  api:\n    image: api:1.2\n    restart: always\n"),
		Good:   ComposeFiles("services:\n  api:\n    image: api:1.2\n    restart: on-failure:5\n", "services:\n  job:\n    image: job:1.0\n    restart: \"no\"\n"),
		Refs:   []string{"https://docs.docker.com/engine/containers/start-containers-automatically/"},
	},
	Checks: []Check{ComposeServiceCheck{Check: checkRestartUnbounded}},
}

// maxRestarts is CIS 5.15's bound on restart attempts.
const maxRestarts = 5

func checkRestartUnbounded(p *ComposePass, s *compose.Service) {
	if r := s.Restart; r.Set && !r.Interpolated {
		policy, count, hasCount := strings.Cut(strings.TrimSpace(r.Value), ":")
		switch policy {
		case "always", "unless-stopped":
			p.Reportf(s, r.Pos, "restarts forever (restart: %s); use on-failure:%d", policy, maxRestarts)
		case "on-failure":
			if n, err := strconv.Atoi(count); !hasCount || err != nil || n <= 0 {
				p.Reportf(s, r.Pos, "restarts on failure without a bound; use on-failure:%d", maxRestarts)
			} else if n > maxRestarts {
				p.Reportf(s, r.Pos, "restarts up to %d times on failure, more than %d", n, maxRestarts)
			}
		}
	}
	rp := s.Deploy.RestartPolicy
	if !rp.Set || strings.TrimSpace(rp.Condition.Value) == "none" {
		return
	}
	switch m := rp.MaxAttempts; {
	case m.Interpolated || m.Set && m.Value > 0 && m.Value <= maxRestarts:
	case m.Set && m.Value > maxRestarts:
		p.Reportf(s, m.Pos, "restart policy allows %d attempts, more than %d", m.Value, maxRestarts)
	default:
		p.Reportf(s, missingAt(s, m.Key, rp.Key), "restart policy sets no max_attempts, so it restarts forever")
	}
}
