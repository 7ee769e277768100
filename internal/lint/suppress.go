package lint

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/rules"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// Suppressed is a finding an inline pragma silenced, kept so that
// --show-suppressed and SARIF can list it with the reason.
type Suppressed struct {
	Finding rules.Finding
	By      Suppression
}

// Suppression scopes.
const (
	ScopeInstruction = "instruction"
	ScopeStage       = "stage"
	ScopeFile        = "file"
	// ScopeKey and ScopeService are a compose file's: the key below the
	// pragma, or every finding of the service whose name is below it.
	ScopeKey     = "key"
	ScopeService = "service"
	// ScopeStatement is a Python statement (code_suppress.go).
	ScopeStatement = "statement"
)

// Pragma dialects a Suppression may come from.
const (
	ToolDockstride = "dockstride"
	ToolHadolint   = "hadolint"
	ToolBuildKit   = "buildkit" // # check=skip=…
	ToolTrivy      = "trivy"    // # trivy:ignore:…
	ToolBandit     = "bandit"   // # nosec [B602,…] in Python
)

// Suppression is one pragma that silences rules.
type Suppression struct {
	// Line is the comment's line.
	Line int
	// Scope is ScopeInstruction, ScopeStage, ScopeStatement or ScopeFile.
	Scope string
	// Keys are the rule IDs, names or aliases it names. For BuildKit's
	// skip=all it is ["all"], which covers every rule with a BuildKit alias.
	Keys []string
	// Reason is the text after "--", if any.
	Reason string
	// Tool is the pragma's dialect (ToolDockstride, ToolHadolint, …).
	Tool string
	// Until is the last day (YYYY-MM-DD, UTC) the pragma applies; "" means
	// no expiry.
	Until string
	// Text is the comment as written.
	Text string

	// skipAllBuildKit is BuildKit's check=skip=all.
	skipAllBuildKit bool
	// blanket is bandit's "# nosec" naming no rule: every finding.
	blanket bool
	// problem says why a pragma cannot apply (a malformed date, a stage
	// pragma not above a FROM); such a pragma suppresses nothing.
	problem string
	// from, to are the lines the pragma covers (inclusive) for stage,
	// instruction and key scope.
	from, to int
	// service is the compose service a ScopeService pragma covers.
	service string
	used    bool
}

// pragmaRE matches dockstride's and hadolint's pragmas. The key list runs
// to the end or to "--"; dockstride's own options (until=) are in it.
var pragmaRE = lazyre.New(`^#\s*(dockstride|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*(.*)$`)

// trivyRE matches trivy's "#trivy:ignore:AVD-DS-0002[:exp:2025-01-01]".
var trivyRE = lazyre.New(`^#\s*trivy:ignore:([A-Za-z0-9_-]+)(?::exp:(\S+))?\s*$`)

var checkRE = lazyre.New(`^#\s*check\s*=\s*(\S*)`)

// hadolintCodeRE matches the rule codes hadolint's pragmas accept.
var hadolintCodeRE = lazyre.New(`^(?:DL|SC)\d+$`)

var keyRE = lazyre.New(`^[A-Za-z0-9_-]+$`)

// pragmaStarts are the words every pragma's text begins with after "#"
// and blanks (pragmaRE, trivyRE, checkRE).
var pragmaStarts = []string{"dockstride", "hadolint", "trivy:ignore:", "check"}

// mayBePragma reports whether text could be a pragma: a look at its first
// word rules out an ordinary comment (most of them) before three regular
// expressions are tried on it, on every comment line of every file.
func mayBePragma(text string) bool {
	rest, ok := strings.CutPrefix(text, "#")
	if !ok {
		return false
	}
	// Blanks as the expressions' \s: space, \t, \n, \f, \r.
	rest = strings.TrimLeft(rest, " \t\n\f\r")
	for _, w := range pragmaStarts {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// parsePragma reads one comment line (with its '#'). ok is false when the
// line is not a pragma at all; a pragma with a problem is returned with
// ok true and the problem recorded.
func parsePragma(line string, lineNo int) (Suppression, bool) {
	text := strings.TrimSpace(line)
	if !mayBePragma(text) {
		return Suppression{}, false
	}
	s := Suppression{Line: lineNo, Scope: ScopeInstruction, Text: text}
	if m := pragmaRE().FindStringSubmatch(text); m != nil {
		s.Tool = m[1]
		switch m[2] {
		case "global":
			s.Scope = ScopeFile
		case "stage":
			s.Scope = ScopeStage
		}
		body := m[3]
		if i := strings.Index(body, "--"); i >= 0 {
			s.Reason = strings.TrimSpace(body[i+2:])
			body = body[:i]
		}
		// A '#' after the keys starts a comment, as hadolint reads it
		// ("# hadolint ignore=DL3002 # vendor image").
		if i := strings.IndexByte(body, '#'); i >= 0 {
			body = body[:i]
		}
		for _, tok := range strings.FieldsFunc(body, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if v, ok := strings.CutPrefix(tok, "until="); ok {
				s.Until = v
				continue
			}
			if !keyRE().MatchString(tok) {
				s.problem = fmt.Sprintf("%q is not a rule ID", tok)
				continue
			}
			s.Keys = append(s.Keys, tok)
		}
		if len(s.Keys) == 0 && s.problem == "" {
			s.problem = "names no rule"
		}
		if s.Tool == ToolHadolint {
			// hadolint drops a pragma with a word that is not a rule code
			// ("ignore=crazy,DL3002" ignores nothing), so a team's existing
			// pragmas keep meaning what they meant. dockstride's own IDs
			// and names are still accepted.
			for _, k := range s.Keys {
				if !hadolintCodeRE().MatchString(k) && len(rules.Lookup(k)) == 0 {
					s.setProblem(fmt.Sprintf("names %q, which is not a rule code", k))
				}
			}
		}
		s.checkUntil()
		return s, true
	}
	if m := trivyRE().FindStringSubmatch(text); m != nil {
		s.Tool, s.Keys, s.Until = ToolTrivy, []string{m[1]}, m[2]
		s.checkUntil()
		return s, true
	}
	if m := checkRE().FindStringSubmatch(text); m != nil {
		s.Tool = ToolBuildKit
		cfg, err := linter.ParseLintOptions(m[1])
		if err != nil {
			s.problem = err.Error()
			return s, true
		}
		if cfg.SkipAll {
			s.skipAllBuildKit = true
			s.Keys = []string{"all"}
		} else {
			for _, k := range cfg.SkipRules {
				if k != "" {
					s.Keys = append(s.Keys, k)
				}
			}
		}
		// check=error=true or experimental=… alone silence nothing.
		return s, len(s.Keys) > 0
	}
	return Suppression{}, false
}

func (s *Suppression) checkUntil() {
	if s.Until == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, s.Until); err != nil {
		s.problem = fmt.Sprintf("expiry %q is not a date (want YYYY-MM-DD)", s.Until)
	}
}

// expired reports whether the pragma's last day is before today (UTC).
func (s *Suppression) expired(now time.Time) bool {
	return s.Until != "" && s.problem == "" && now.UTC().Format(time.DateOnly) > s.Until
}

// covers reports whether the pragma names the finding: its rule, or for a
// rule whose findings carry their own peer IDs, one of the finding's.
func (s *Suppression) covers(fd *rules.Finding) bool {
	if s.blanket {
		return true
	}
	if s.skipAllBuildKit {
		return hasBuildKitAlias(fd)
	}
	for _, k := range s.Keys {
		if fd.Matches(k) {
			return true
		}
	}
	return false
}

// buildKitRuleNames are BuildKit's lint rules: check=skip=all turns off the
// rules that mirror them and no others, since a team that silences
// BuildKit's checks has not asked to silence a security linter.
var buildKitRuleNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, n := range []string{
		linter.RuleStageNameCasing.Name, linter.RuleFromAsCasing.Name, linter.RuleNoEmptyContinuation.Name,
		linter.RuleConsistentInstructionCasing.Name, linter.RuleDuplicateStageName.Name, linter.RuleReservedStageName.Name,
		linter.RuleJSONArgsRecommended.Name, linter.RuleMaintainerDeprecated.Name, linter.RuleUndefinedArgInFrom.Name,
		linter.RuleWorkdirRelativePath.Name, linter.RuleUndefinedVar.Name, linter.RuleMultipleInstructionsDisallowed.Name,
		linter.RuleLegacyKeyValueFormat.Name, linter.RuleInvalidBaseImagePlatform.Name, linter.RuleRedundantTargetPlatform.Name,
		linter.RuleSecretsUsedInArgOrEnv.Name, linter.RuleInvalidDefaultArgInFrom.Name, linter.RuleFromPlatformFlagConstDisallowed.Name,
		linter.RuleCopyIgnoredFile.Name, linter.RuleInvalidDefinitionDescription.Name, linter.RuleExposeProtoCasing.Name,
		linter.RuleExposeInvalidFormat.Name,
	} {
		m[strings.ToLower(n)] = true
	}
	return m
})

func hasBuildKitAlias(fd *rules.Finding) bool {
	return slices.ContainsFunc(fd.PeerIDs(), func(a string) bool { return buildKitRuleNames()[strings.ToLower(a)] })
}

// suppressions holds a file's pragmas, indexed for lookup by finding line.
type suppressions struct {
	all []*Suppression
	// owner maps every line of an instruction (index: line number) to its
	// start line, 0 for lines outside instructions.
	owner []int
	now   time.Time
}

// parseSuppressions finds every pragma in the comment lines that belong to
// no instruction, and binds each to what it covers: instruction pragmas
// to the instruction right below their comment block, stage pragmas to
// the stage whose FROM is right below, file pragmas and the check=
// parser directive to everything.
func parseSuppressions(f *dockerfile.File, now time.Time) *suppressions {
	// Slices indexed by line, not maps: this runs for every file.
	s := &suppressions{owner: make([]int, len(f.Lines)+1), now: now}
	starts := make([]dockerfile.Instruction, len(f.Lines)+2)
	for _, in := range f.Instructions {
		rng := in.Range()
		if rng.StartLine < 1 || rng.StartLine > len(f.Lines) {
			continue
		}
		starts[rng.StartLine] = in
		for l := rng.StartLine; l <= rng.EndLine && l <= len(f.Lines); l++ {
			s.owner[l] = rng.StartLine
		}
	}
	isComment := func(l int) bool {
		return s.owner[l] == 0 && strings.HasPrefix(strings.TrimSpace(f.Lines[l-1]), "#")
	}
	for i := range f.Lines {
		l := i + 1
		if !isComment(l) {
			continue
		}
		p, ok := parsePragma(f.Lines[i], l)
		if !ok {
			continue
		}
		if p.Tool == ToolBuildKit && l == f.Directives.CheckLine {
			p.Scope = ScopeFile
		}
		if p.Scope != ScopeFile {
			next := l + 1
			for next <= len(f.Lines) && isComment(next) {
				next++
			}
			in := starts[next]
			switch {
			case in == nil:
				p.setProblem("is not directly above an instruction")
			case p.Scope == ScopeStage && in.Kind() != dockerfile.KindFrom:
				p.setProblem("a stage pragma must be directly above a FROM")
			case p.Scope == ScopeStage:
				p.from, p.to = next, stageEnd(f, in.Stage())
			default:
				p.from, p.to = next, in.Range().EndLine
			}
		}
		s.all = append(s.all, &p)
	}
	return s
}

func (s *Suppression) setProblem(msg string) {
	if s.problem == "" {
		s.problem = msg
	}
}

// stageEnd is the last line of a stage: its last instruction's end.
func stageEnd(f *dockerfile.File, st *dockerfile.Stage) int {
	end := 0
	if st != nil && st.From != nil {
		end = st.From.Range().EndLine
	}
	if st != nil {
		for _, in := range st.Instructions {
			end = max(end, in.Range().EndLine)
		}
	}
	if end == 0 {
		end = len(f.Lines)
	}
	return end
}

// apply decides fd's fate: suppressed (with the pragma), or kept, with a
// note appended to its message when a matching pragma has expired.
func (s *suppressions) apply(fd *rules.Finding) (*Suppression, bool) {
	line := fd.Line
	if line >= 1 && line < len(s.owner) && s.owner[line] != 0 {
		line = s.owner[line]
	}
	return s.applyIn(fd, func(p *Suppression) bool { return line >= p.from && line <= p.to })
}

// applyIn is apply with the test of whether a pragma that is not
// file-wide reaches fd.
func (s *suppressions) applyIn(fd *rules.Finding, reaches func(*Suppression) bool) (*Suppression, bool) {
	var hit, expired *Suppression
	for _, p := range s.all {
		if p.problem != "" || !p.covers(fd) {
			continue
		}
		if p.Scope != ScopeFile && !reaches(p) {
			continue
		}
		p.used = true
		if p.expired(s.now) {
			if expired == nil {
				expired = p
			}
			continue
		}
		if hit == nil {
			hit = p
		}
	}
	if hit != nil {
		return hit, true
	}
	if expired != nil {
		fd.Message += fmt.Sprintf(" (the suppression on line %d expired on %s)", expired.Line, expired.Until)
	}
	return nil, false
}

// unused reports dockstride's own pragmas that silenced nothing. Foreign
// pragmas (hadolint, BuildKit, trivy) are honoured but never reported: the
// other tool may still need them. A pragma naming a rule that did not run
// on this file is not reported either, since nothing can be said of it.
func (s *suppressions) unused(ran func(*rules.Rule) bool) []*Suppression {
	var out []*Suppression
	for _, p := range s.all {
		if p.Tool != ToolDockstride || p.used {
			continue
		}
		if p.problem != "" {
			out = append(out, p)
			continue
		}
		known, allRan := true, true
		for _, k := range p.Keys {
			rs := rules.Lookup(k)
			if len(rs) == 0 {
				known = false
				p.setProblem(fmt.Sprintf("no rule has the ID, name or alias %q", k))
			}
			for _, r := range rs {
				if !ran(r) {
					allRan = false
				}
			}
		}
		if !known || allRan {
			out = append(out, p)
		}
	}
	return out
}

// message says what is wrong with an unused pragma.
func (s *Suppression) message(now time.Time) string {
	what := fmt.Sprintf("%q", strings.TrimSpace(strings.TrimPrefix(s.Text, "#")))
	switch {
	case s.problem != "":
		return fmt.Sprintf("suppression %s %s, so it suppresses nothing", what, s.problem)
	case s.expired(now):
		return fmt.Sprintf("suppression %s expired on %s and matches no finding; remove it", what, s.Until)
	case s.Scope == ScopeFile:
		return fmt.Sprintf("suppression %s matches no finding in this file; remove it", what)
	case s.Scope == ScopeStage:
		return fmt.Sprintf("suppression %s matches no finding in this stage; remove it", what)
	case s.Scope == ScopeStatement:
		return fmt.Sprintf("suppression %s matches no finding on its statement; remove it", what)
	}
	return fmt.Sprintf("suppression %s matches no finding on the instruction below; remove it", what)
}
