package rules_test

import (
	"fmt"
	"strings"
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

// ShellCheck's findings land on the Dockerfile line they concern: a
// continuation line, a heredoc body line.
func TestShellCheckLines(t *testing.T) {
	bin := shellCheckBin()
	if bin == "" {
		t.Skip("shellcheck is not on PATH (CI installs it)")
	}
	src := []byte("FROM debian:12\nRUN apt-get update \\\n && echo $HOME\nRUN <<EOF\nset -e\necho $USER\nEOF\n")
	res := lint.New(lint.Options{Rules: []*rules.Rule{rules.ShellCheck}, Settings: rules.Settings{ShellCheck: bin}}).Lint("Dockerfile", src)
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%d %v", f.Line, f.Aliases))
	}
	want := []string{"3 [SC2086]", "6 [SC2086]"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("findings %v, want %v", got, want)
	}
	// Without the binary the rule is silent.
	res = lint.New(lint.Options{Rules: []*rules.Rule{rules.ShellCheck}}).Lint("Dockerfile", src)
	if len(res.Findings) != 0 {
		t.Errorf("without Settings.ShellCheck: %d findings", len(res.Findings))
	}
}
