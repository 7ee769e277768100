package rules_test

import (
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// With --target, the cache rules judge the target stage and what it
// builds on, not the last stage.
func TestCacheRulesFollowTarget(t *testing.T) {
	src := []byte("FROM alpine:3.20 AS app\nRUN apk add curl=8.9.1-r0\nFROM alpine:3.20 AS debug\nRUN apk add strace=6.9-r0\n")
	for target, wantLine := range map[string]int{"": 4, "app": 2, "APP": 2} {
		res := lint.New(lint.Options{Rules: []*rules.Rule{rules.PackageCacheLeft}, Settings: rules.Settings{Target: target}}).Lint("Dockerfile", src)
		if len(res.Findings) != 1 || res.Findings[0].Line != wantLine {
			t.Errorf("target %q: findings %+v, want one on line %d", target, res.Findings, wantLine)
		}
	}
}
