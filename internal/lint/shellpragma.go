package lint

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// shellPragmaRE matches hadolint's shell pragma, "# hadolint shell=NAME",
// optionally followed by a "# comment" as hadolint allows.
var shellPragmaRE = lazyre.New(`^#[ \t]*hadolint[ \t]+shell[ \t]*=[ \t]*([^ \t#]+)[ \t]*(?:#.*)?$`)

// shellPragma is one "# hadolint shell=NAME" comment.
type shellPragma struct {
	line  int
	shell string
}

// applyShellPragmas honours hadolint's "# hadolint shell=NAME" pragma,
// which says what shell the RUNs below it run in when the Dockerfile's
// SHELL does not (a Windows base image runs cmd without a SHELL line).
// As in hadolint, a pragma before the first FROM is every stage's default;
// in a stage it holds until the next SHELL or the stage's end, and a stage
// built FROM an earlier one starts with that stage's. A RUN under a
// pragma naming a shell that is not POSIX (powershell, pwsh, cmd) loses
// its parsed script, exactly as under SHELL ["powershell", …], so the
// rules that read RUN as a shell script (ShellCheck, package managers,
// pipefail, downloads…) skip it. A pragma naming a POSIX shell changes
// nothing: scripts are read with bash's grammar already.
func applyShellPragmas(f *dockerfile.File) {
	pragmas := findShellPragmas(f)
	if len(pragmas) == 0 {
		return
	}
	var def, cur string
	var stage *dockerfile.Stage // the stage being read, nil before any FROM
	atEnd := map[*dockerfile.Stage]string{}
	next := 0
	for _, in := range f.Instructions {
		for ; next < len(pragmas) && pragmas[next].line < in.Range().StartLine; next++ {
			cur = pragmas[next].shell
			if stage == nil {
				def = cur
			} else {
				atEnd[stage] = cur
			}
		}
		switch x := in.(type) {
		case *dockerfile.From:
			cur = def
			if base, ok := atEnd[x.BaseStage]; ok && x.BaseStage != nil {
				cur = base
			}
		case *dockerfile.Shell:
			cur = ""
		case *dockerfile.Run:
			markNonPOSIX(x, cur)
		case *dockerfile.Onbuild:
			if r, ok := x.Inner.(*dockerfile.Run); ok {
				markNonPOSIX(r, cur)
			}
		}
		if st := in.Stage(); st != nil && !st.Implicit {
			stage = st
			atEnd[st] = cur
		}
	}
}

// markNonPOSIX drops the parsed script of a shell-form RUN that runs in a
// shell that is not POSIX.
func markNonPOSIX(r *dockerfile.Run, shell string) {
	if shell == "" || r.ExecForm() || dockerfile.VariantOf([]string{shell}) != dockerfile.ShellOther {
		return
	}
	r.Script = nil
	r.ShellError = "not a POSIX shell: " + shell + " (# hadolint shell=)"
}

// findShellPragmas lists the shell pragmas on comment lines outside every
// instruction (a heredoc body may hold any text), in line order.
func findShellPragmas(f *dockerfile.File) []shellPragma {
	var out []shellPragma
	for i, line := range f.Lines {
		text := strings.TrimSpace(line)
		if !strings.HasPrefix(text, "#") || !strings.Contains(text, "shell") {
			continue
		}
		if m := shellPragmaRE().FindStringSubmatch(text); m != nil && !inInstruction(f, i+1) {
			out = append(out, shellPragma{line: i + 1, shell: m[1]})
		}
	}
	return out
}

func inInstruction(f *dockerfile.File, line int) bool {
	for _, in := range f.Instructions {
		if rng := in.Range(); rng.StartLine <= line && line <= rng.EndLine {
			return true
		}
	}
	return false
}
