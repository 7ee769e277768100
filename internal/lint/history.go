package lint

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// HistoryStep is one entry of an image's history turned back into
// Dockerfile text, so the Dockerfile rules can run on a built image.
type HistoryStep struct {
	// Kind is the instruction the entry records.
	Kind dockerfile.Kind
	// Args are the build arguments a RUN recorded in its "|N K=V …"
	// prefix, the values Docker stores in the history in clear.
	Args []BuildArg
	// Text is the instruction ("RUN apt-get update"), on one line unless
	// it is a RUN whose script spans lines, written as a heredoc.
	Text string
}

// BuildArg is one build argument recorded in a history entry.
type BuildArg struct{ Name, Value string }

// shellPrefixRE matches the shell invocation Docker puts in front of a
// shell-form RUN: "/bin/sh -c ", "/bin/bash -o pipefail -c ", "sh -c ",
// "cmd /S /C ", "powershell -Command " (SHELL changes it).
var shellPrefixRE = lazyre.New(`^(?:(?:/usr)?(?:/bin/)?(?:sh|bash|ash|dash|zsh)(?:\s+-[a-zA-Z]+(?:\s+pipefail)?)*\s+-c|cmd(?:\.exe)?\s+/S\s+/C|(?:powershell|pwsh)(?:\.exe)?(?:\s+-\w+)*\s+-Command)(?:\s+|$)`)

// buildArgsRE matches the "|N " count that starts a RUN's recorded build
// arguments.
var buildArgsRE = lazyre.New(`^\|(\d+)\s+`)

// argNameRE finds "NAME=" starting a build argument.
var argNameRE = lazyre.New(`(?:^|\s)([A-Za-z_][A-Za-z0-9_.-]*)=`)

// ParseHistory turns a history entry's created_by back into an
// instruction. It reads what the classic builder writes
// ("/bin/sh -c #(nop)  CMD [\"sh\"]", "/bin/sh -c apt-get update",
// "|1 TOKEN=x /bin/sh -c make") and what BuildKit writes
// ("RUN /bin/sh -c apt-get update # buildkit", "COPY . /app # buildkit",
// "RUN |1 TOKEN=x /bin/sh -c make # buildkit"). ok is false for text that
// records no instruction (empty, "random", a tool's own comment).
func ParseHistory(createdBy string) (HistoryStep, bool) {
	s := strings.TrimSpace(createdBy)
	s = strings.TrimSpace(strings.TrimSuffix(s, "# buildkit"))
	if s == "" {
		return HistoryStep{}, false
	}
	// Classic builder: non-RUN instructions hide behind a no-op shell.
	if loc := shellPrefixRE().FindStringIndex(s); loc != nil {
		rest := strings.TrimSpace(s[loc[1]:])
		if nop, ok := strings.CutPrefix(rest, "#(nop)"); ok {
			return instructionStep(strings.TrimSpace(nop))
		}
		return runStep(nil, rest)
	}
	if buildArgsRE().MatchString(s) {
		return runArgsStep(s)
	}
	return instructionStep(s)
}

// instructionStep reads "KEYWORD args" as written by BuildKit or behind
// the classic builder's #(nop).
func instructionStep(s string) (HistoryStep, bool) {
	kw, rest, _ := strings.Cut(s, " ")
	kind := dockerfile.KindOf(kw)
	rest = strings.TrimSpace(rest)
	switch kind {
	case dockerfile.KindUnknown, dockerfile.KindFrom:
		return HistoryStep{}, false
	case dockerfile.KindRun:
		if buildArgsRE().MatchString(rest) {
			return runArgsStep(rest)
		}
		if loc := shellPrefixRE().FindStringIndex(rest); loc != nil {
			return runStep(nil, strings.TrimSpace(rest[loc[1]:]))
		}
		if strings.HasPrefix(rest, "[") {
			// Exec form kept as JSON.
			return HistoryStep{Kind: kind, Text: "RUN " + rest}, !strings.ContainsAny(rest, "\r\n")
		}
		return runStep(nil, rest)
	case dockerfile.KindAdd, dockerfile.KindCopy:
		// The classic builder records sources by content hash
		// ("ADD file:3f2a… in /"); so does BuildKit for the root file
		// system of a base image. Nothing about the source is left to check.
		if contentAddressed(rest) {
			return HistoryStep{}, false
		}
	}
	if rest == "" || strings.ContainsAny(rest, "\r\n") {
		return HistoryStep{}, false
	}
	return HistoryStep{Kind: kind, Text: strings.ToUpper(kw) + " " + rest}, true
}

// contentAddressed reports whether an ADD/COPY names its source by a content
// hash (file:…, dir:…, multi:…) rather than as written.
func contentAddressed(args string) bool {
	for _, w := range strings.Fields(args) {
		if strings.HasPrefix(w, "--") {
			continue
		}
		return strings.HasPrefix(w, "file:") || strings.HasPrefix(w, "dir:") || strings.HasPrefix(w, "multi:")
	}
	return false
}

// runArgsStep reads "|N K=V … SHELL -c SCRIPT": N build arguments, then
// the command.
func runArgsStep(s string) (HistoryStep, bool) {
	m := buildArgsRE().FindStringSubmatch(s)
	n, err := strconv.Atoi(m[1])
	if err != nil || n > 1000 {
		return HistoryStep{}, false
	}
	rest := s[len(m[0]):]
	// The values are written unquoted, so a value may hold spaces: the
	// arguments end where the shell invocation starts, or after N words.
	var argText, cmd string
	if loc := shellStart(rest); loc >= 0 {
		argText, cmd = rest[:loc], rest[loc:]
	} else {
		words := strings.Fields(rest)
		k := min(n, len(words))
		argText, cmd = strings.Join(words[:k], " "), strings.Join(words[k:], " ")
	}
	args := splitBuildArgs(argText, n)
	if loc := shellPrefixRE().FindStringIndex(cmd); loc != nil {
		cmd = cmd[loc[1]:]
	}
	return runStep(args, strings.TrimSpace(cmd))
}

// shellStart finds where a shell invocation begins in s, at a word start.
func shellStart(s string) int {
	for i := 0; i < len(s); i++ {
		if (i == 0 || s[i-1] == ' ') && shellPrefixRE().MatchString(s[i:]) {
			return i
		}
	}
	return -1
}

// splitBuildArgs splits "A=1 B=two words C=3" into at most n arguments.
func splitBuildArgs(s string, n int) []BuildArg {
	locs := argNameRE().FindAllStringSubmatchIndex(s, -1)
	var out []BuildArg
	for i, l := range locs {
		if len(out) == n {
			break
		}
		end := len(s)
		if i+1 < len(locs) && len(out)+1 < n {
			end = locs[i+1][0]
		}
		out = append(out, BuildArg{Name: s[l[2]:l[3]], Value: strings.TrimSpace(s[l[1]:end])})
	}
	return out
}

// runStep writes a RUN for script: on one line when it has one, else as a
// heredoc so that multi-line scripts keep their lines.
func runStep(args []BuildArg, script string) (HistoryStep, bool) {
	if script == "" {
		return HistoryStep{}, false
	}
	st := HistoryStep{Kind: dockerfile.KindRun, Args: args}
	if !strings.ContainsAny(script, "\r\n") && !strings.HasSuffix(script, "\\") && !strings.Contains(script, "<<") {
		st.Text = "RUN " + script
		return st, true
	}
	marker := "DOCKSTRIDE_HISTORY_EOF"
	for strings.Contains(script, marker) {
		marker += "_"
	}
	st.Text = "RUN <<'" + marker + "'\n" + strings.ReplaceAll(script, "\r", "") + "\n" + marker
	return st, true
}

// plainValueRE matches values an ARG line can carry without quotes.
var plainValueRE = lazyre.New(`^[A-Za-z0-9_./:@%+,=~-]*$`)

// argLine declares a recorded build argument with its value: as is when
// that is safe, else quoted and escaped so the parser neither splits it nor
// expands variables in it.
func argLine(a BuildArg) string {
	if plainValueRE().MatchString(a.Value) {
		return "ARG " + a.Name + "=" + a.Value
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, "\n", " ", "\r", " ")
	return "ARG " + a.Name + `="` + r.Replace(a.Value) + `"`
}
