package report

import (
	"strconv"
	"testing"

	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// security-severity follows the derivation written on securitySeverity:
// hygiene, info and style rules are low, never "medium security alerts";
// what an attacker technique uses is medium as a warning and high as an
// error; nothing is critical.
func TestSecuritySeverityFromThreat(t *testing.T) {
	for rule, want := range map[*rules.Rule]string{
		rules.RunsAsRoot:            "6.4", // EoP 8.5 × warning 0.75
		rules.SecretInArgEnv:        "8.0", // Information Disclosure 8.0 × error 1.0
		rules.StageNameNotLowercase: "0.3", // Tampering 7.5 × style 0.1 × hygiene 0.4
		rules.LabelKeyInvalid:       "0.2", // Repudiation 4.5 × style 0.1 × hygiene 0.4
		rules.HealthcheckMissing:    "2.4", // DoS 6.0 × info 0.4
	} {
		if got := securitySeverity(rule); got != want {
			t.Errorf("%s: security-severity %s, want %s", rule.ID, got, want)
		}
	}
	worst := func(r *rules.Rule) threat.STRIDE {
		var w threat.STRIDE
		for _, s := range r.Threat.STRIDE {
			if strideImpact[s] > strideImpact[w] {
				w = s
			}
		}
		return w
	}
	for _, r := range rules.All() {
		score, err := strconv.ParseFloat(securitySeverity(r), 64)
		if err != nil {
			t.Fatal(err)
		}
		hygiene := len(r.Threat.ATTACK) == 0
		switch {
		case score <= 0 || score >= 9.0:
			t.Errorf("%s: %.1f is not between low and high", r.ID, score)
		case (hygiene || r.Severity == rules.Info || r.Severity == rules.Style) && score >= 4.0:
			t.Errorf("%s (%s, hygiene %v): %.1f is not low", r.ID, r.Severity, hygiene, score)
		case !hygiene && r.Severity == rules.Error && score < 7.0 && worst(r) != threat.Repudiation && worst(r) != threat.DenialOfService:
			t.Errorf("%s: an error an attacker technique uses scores %.1f, below high", r.ID, score)
		case !hygiene && r.Severity == rules.Warning && worst(r) != threat.Repudiation && (score < 4.0 || score >= 7.0):
			t.Errorf("%s: a warning an attacker technique uses scores %.1f, not medium", r.ID, score)
		}
	}
}
