package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/rules"
)

var testNow = func() time.Time { return time.Date(2027, 3, 31, 23, 0, 0, 0, time.UTC) }

// lintWith runs the given rules plus the unused-suppression rule.
func lintWith(t *testing.T, src string, rs ...*rules.Rule) Result {
	t.Helper()
	rs = append(rs, rules.UnusedSuppression)
	res := New(Options{Rules: rs, Now: testNow}).Lint("Dockerfile", []byte(src))
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	return res
}

// ids renders findings as "ID@line" for compact comparison.
func ids(fs []rules.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%d", f.Rule.ID, f.Line))
	}
	return out
}

func supIDs(ss []Suppressed) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%s@%d by %s:%d", s.Finding.Rule.ID, s.Finding.Line, s.By.Tool, s.By.Line))
	}
	return out
}

func TestPragmaForms(t *testing.T) {
	root := rules.RunsAsRoot
	shell := rules.ShellFormCommand
	cases := []struct {
		name       string
		src        string
		rules      []*rules.Rule
		findings   []string
		suppressed []string
	}{
		{
			name:     "no pragma",
			src:      "FROM alpine:3.20\nUSER root\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS4001@2"},
		},
		{
			name:       "dockstride ignore by ID with reason",
			src:        "FROM alpine:3.20\n# dockstride ignore=DKS4001 -- entrypoint drops privileges\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by dockstride:2"},
		},
		{
			name:       "dockstride ignore by name among other comments",
			src:        "FROM alpine:3.20\n# why: legacy\n# dockstride ignore=runs-as-root\n# more words\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@5 by dockstride:3"},
		},
		{
			name:       "hadolint ignore through the DL alias",
			src:        "FROM alpine:3.20\n# hadolint ignore=DL3002,DL3008\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by hadolint:2"},
		},
		{
			name:       "hadolint global ignore",
			src:        "# hadolint global ignore=DL3002\nFROM alpine:3.20\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by hadolint:1"},
		},
		{
			name:       "dockstride global ignore anywhere",
			src:        "FROM alpine:3.20\nUSER root\n# dockstride global ignore=DKS4001\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@2 by dockstride:3"},
		},
		{
			name:     "pragma separated by a blank line does not apply",
			src:      "FROM alpine:3.20\n# hadolint ignore=DL3002\n\nUSER root\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS4001@4"},
		},
		{
			name:     "instruction pragma covers only its instruction",
			src:      "FROM alpine:3.20\n# dockstride ignore=DKS6001\nCMD echo a\nENTRYPOINT echo b\n",
			rules:    []*rules.Rule{shell},
			findings: []string{"DKS6001@4"}, suppressed: []string{"DKS6001@3 by dockstride:2"},
		},
		{
			name: "stage ignore covers the stage below only",
			src: "# dockstride stage ignore=DKS6001\nFROM alpine:3.20 AS build\nCMD echo a\nRUN make\n" +
				"ENTRYPOINT echo b\nFROM alpine:3.20\nCMD echo c\n",
			rules:      []*rules.Rule{shell},
			findings:   []string{"DKS6001@7"},
			suppressed: []string{"DKS6001@3 by dockstride:1", "DKS6001@5 by dockstride:1"},
		},
		{
			name:       "BuildKit check=skip directive is file-wide, by rule name",
			src:        "# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD echo hi\nUSER root\n",
			rules:      []*rules.Rule{root, shell},
			findings:   []string{"DKS4001@4"},
			suppressed: []string{"DKS6001@3 by buildkit:1"},
		},
		{
			name:       "BuildKit check=skip=all skips only BuildKit-aliased rules",
			src:        "# check=skip=all;error=true\nFROM alpine:3.20\nCMD echo hi\nUSER root\n",
			rules:      []*rules.Rule{root, shell},
			findings:   []string{"DKS4001@4"},
			suppressed: []string{"DKS6001@3 by buildkit:1"},
		},
		{
			name:       "BuildKit check=skip above one instruction",
			src:        "FROM alpine:3.20\n# check=skip=JSONArgsRecommended\nCMD echo hi\nENTRYPOINT echo hi\n",
			rules:      []*rules.Rule{shell},
			findings:   []string{"DKS6001@4"},
			suppressed: []string{"DKS6001@3 by buildkit:2"},
		},
		{
			name:       "trivy ignore by AVD ID",
			src:        "FROM alpine:3.20\n#trivy:ignore:AVD-DS-0002\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by trivy:2"},
		},
		{
			name:       "trivy ignore by DS ID",
			src:        "FROM alpine:3.20\n# trivy:ignore:DS002\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by trivy:2"},
		},
		{
			name:       "until today still applies",
			src:        "FROM alpine:3.20\n# dockstride ignore=DKS4001 until=2027-03-31\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by dockstride:2"},
		},
		{
			name:     "until yesterday has expired",
			src:      "FROM alpine:3.20\n# dockstride ignore=DKS4001 until=2027-03-30 -- migration\nUSER root\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS4001@3"},
		},
		{
			name:     "trivy exp date expires too",
			src:      "FROM alpine:3.20\n#trivy:ignore:DS-0002:exp:2026-01-01\nUSER root\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS4001@3"},
		},
		{
			name:     "malformed until applies nothing and is reported",
			src:      "FROM alpine:3.20\n# dockstride ignore=DKS4001 until=31/03/2027\nUSER root\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS1900@2", "DKS4001@3"},
		},
		{
			name:     "unused dockstride pragma is reported",
			src:      "FROM alpine:3.20\n# dockstride ignore=DKS4001\nUSER app\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS1900@2"},
		},
		{
			name:     "unknown rule is reported",
			src:      "FROM alpine:3.20\n# dockstride ignore=DKS9999\nUSER app\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS1900@2"},
		},
		{
			name:     "pragma naming a rule that did not run is not reported",
			src:      "FROM alpine:3.20\n# dockstride ignore=DKS6001\nUSER app\n",
			rules:    []*rules.Rule{root},
			findings: []string{},
		},
		{
			name:     "unused foreign pragmas are not reported",
			src:      "# check=skip=JSONArgsRecommended\nFROM alpine:3.20\n# hadolint ignore=DL3002\n#trivy:ignore:DS-0002\nUSER app\n",
			rules:    []*rules.Rule{root, shell},
			findings: []string{},
		},
		{
			name:       "hadolint stage pragma covers the stage below",
			src:        "FROM alpine:3.20\nUSER root\n# hadolint stage ignore=DL3002\nFROM alpine:3.20\nUSER root\n",
			rules:      []*rules.Rule{root},
			findings:   []string{},
			suppressed: []string{"DKS4001@5 by hadolint:3"},
		},
		{
			name:       "a comment after hadolint's keys is not a key",
			src:        "FROM alpine:3.20\n# hadolint ignore=DL3002 # vendor image\nUSER root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by hadolint:2"},
		},
		{
			name:     "hadolint ignores a pragma naming an unknown rule",
			src:      "FROM alpine:3.20\n# hadolint ignore=crazy,DL3002\nUSER root\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS4001@3"},
		},
		{
			name:     "stage pragma not above a FROM is reported",
			src:      "FROM alpine:3.20\n# dockstride stage ignore=DKS4001\nUSER root\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS1900@2", "DKS4001@3"},
		},
		{
			name:     "pragma at the end of the file is reported",
			src:      "FROM alpine:3.20\nUSER app\n# dockstride ignore=DKS4001\n",
			rules:    []*rules.Rule{root},
			findings: []string{"DKS1900@3"},
		},
		{
			name:       "unused-suppression can itself be silenced file-wide",
			src:        "# dockstride global ignore=unused-suppression\nFROM alpine:3.20\n# dockstride ignore=DKS9999\nUSER app\n",
			rules:      []*rules.Rule{root},
			findings:   []string{},
			suppressed: []string{"DKS1900@3 by dockstride:1"},
		},
		{
			name:       "pragma covers a finding on a continuation line",
			src:        "FROM alpine:3.20\n# dockstride ignore=DKS4001\nUSER \\\n  root\n",
			rules:      []*rules.Rule{root},
			suppressed: []string{"DKS4001@3 by dockstride:2"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := lintWith(t, c.src, c.rules...)
			if c.findings == nil {
				c.findings = []string{}
			}
			if c.suppressed == nil {
				c.suppressed = []string{}
			}
			if got := ids(res.Findings); !slices.Equal(got, c.findings) {
				t.Errorf("findings = %v, want %v", got, c.findings)
				for _, f := range res.Findings {
					t.Logf("  %s@%d %s", f.Rule.ID, f.Line, f.Message)
				}
			}
			if got := supIDs(res.Suppressed); !slices.Equal(got, c.suppressed) {
				t.Errorf("suppressed = %v, want %v", got, c.suppressed)
			}
		})
	}
}

func TestExpiredSuppressionSaysSo(t *testing.T) {
	res := lintWith(t, "FROM alpine:3.20\n# dockstride ignore=DKS4001 until=2027-01-15\nUSER root\n", rules.RunsAsRoot)
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v", ids(res.Findings))
	}
	if msg := res.Findings[0].Message; !strings.Contains(msg, "suppression on line 2 expired on 2027-01-15") {
		t.Errorf("message does not say the suppression expired: %q", msg)
	}
	// The same file before the date: silenced.
	before := New(Options{Rules: []*rules.Rule{rules.RunsAsRoot}, Now: func() time.Time {
		return time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
	}}).Lint("Dockerfile", []byte("FROM alpine:3.20\n# dockstride ignore=DKS4001 until=2027-01-15\nUSER root\n"))
	if len(before.Findings) != 0 || len(before.Suppressed) != 1 {
		t.Errorf("before expiry: findings %v suppressed %v", ids(before.Findings), supIDs(before.Suppressed))
	}
}

func TestSuppressionReasonAndText(t *testing.T) {
	res := lintWith(t, "FROM alpine:3.20\n# dockstride ignore=DKS4001 until=2028-01-01 -- vendor image, tracked in OPS-12\nUSER root\n", rules.RunsAsRoot)
	if len(res.Suppressed) != 1 {
		t.Fatalf("suppressed = %v", supIDs(res.Suppressed))
	}
	by := res.Suppressed[0].By
	if by.Reason != "vendor image, tracked in OPS-12" || by.Until != "2028-01-01" || by.Scope != ScopeInstruction || !slices.Equal(by.Keys, []string{"DKS4001"}) {
		t.Errorf("suppression = %+v", by)
	}
}

func TestUnusedMessages(t *testing.T) {
	res := lintWith(t, "FROM alpine:3.20\n# dockstride ignore=DKS4001 until=2027-01-01\nUSER app\n# dockstride ignore=DKS9999\nUSER app\n", rules.RunsAsRoot)
	var msgs []string
	for _, f := range res.Findings {
		msgs = append(msgs, f.Message)
	}
	want := []string{"expired on 2027-01-01 and matches no finding", `no rule has the ID, name or alias "DKS9999"`}
	if len(msgs) != 2 {
		t.Fatalf("messages = %q", msgs)
	}
	for i, w := range want {
		if !strings.Contains(msgs[i], w) {
			t.Errorf("message %d = %q, want it to contain %q", i, msgs[i], w)
		}
	}
}

func TestNoInlineSuppressions(t *testing.T) {
	res := New(Options{Rules: []*rules.Rule{rules.RunsAsRoot, rules.UnusedSuppression}, NoInlineSuppressions: true}).
		Lint("Dockerfile", []byte("FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n"))
	if got := ids(res.Findings); !slices.Equal(got, []string{"DKS4001@3"}) {
		t.Errorf("findings = %v", got)
	}
}

func TestSelectionAndOverrides(t *testing.T) {
	src := []byte("FROM alpine:3.20\nUSER root\nCMD echo hi\n")
	only := New(Options{Only: []string{"DL3002"}}).Lint("Dockerfile", src)
	if got := ids(only.Findings); !slices.Equal(got, []string{"DKS4001@2"}) {
		t.Errorf("only DL3002: %v", got)
	}
	ov := New(Options{
		Only: []string{"DKS4001", "DKS6001"},
		Overrides: []Override{{
			Match:    func(p string) bool { return strings.HasPrefix(p, "legacy/") },
			Ignore:   []string{"JSONArgsRecommended"},
			Severity: map[string]rules.Severity{"runs-as-root": rules.Info},
		}},
	})
	legacy := ov.Lint("legacy/Dockerfile", src)
	if got := ids(legacy.Findings); !slices.Equal(got, []string{"DKS4001@2"}) || legacy.Findings[0].Severity != rules.Info {
		t.Errorf("legacy: %v (severity %v)", got, legacy.Findings)
	}
	other := ov.Lint("app/Dockerfile", src)
	if got := ids(other.Findings); !slices.Equal(got, []string{"DKS4001@2", "DKS6001@3"}) || other.Findings[0].Severity == rules.Info {
		t.Errorf("app: %v", got)
	}
}

// TestMayBePragma holds the prefilter to the expressions it spares: every
// line one of them matches passes it, and ordinary comments do not.
func TestMayBePragma(t *testing.T) {
	lines := []string{
		"# hadolint ignore=DL3008",
		"#hadolint global ignore=DL3008,DL3009",
		"# dockstride ignore=DKS1001 -- vendor image",
		"#\tdockstride stage ignore=apt-get-no-recommends until=2030-01-01",
		"#  trivy:ignore:AVD-DS-0002",
		"#trivy:ignore:AVD-DS-0002:exp:2025-01-01",
		"# check=skip=JSONArgsRecommended",
		"#check = skip=all",
		"# checksum of the tarball below",
		"# hadolinting is fun",
		"# install the packages",
		"## dockstride ignore=DKS1001",
		"# Dockstride ignore=DKS1001",
		"#",
		"",
		"RUN echo # hadolint ignore=DL3008",
	}
	for _, l := range lines {
		matched := pragmaRE().MatchString(l) || trivyRE().MatchString(l) || checkRE().MatchString(l)
		if matched && !mayBePragma(l) {
			t.Errorf("mayBePragma(%q) = false for a line a pragma expression matches", l)
		}
	}
	for _, l := range []string{"# install the packages", "## dockstride ignore=DKS1001", "#", "", "RUN echo # hadolint ignore=DL3008"} {
		if mayBePragma(l) {
			t.Errorf("mayBePragma(%q) = true, want false", l)
		}
	}
}
