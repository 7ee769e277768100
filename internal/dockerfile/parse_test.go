package dockerfile

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

// cmdLines renders a script's commands as "L<line> name args…".
func cmdLines(s *Script) []string {
	var out []string
	for _, c := range s.Commands {
		out = append(out, "L"+strconv.Itoa(c.Line)+" "+strings.TrimSpace(c.Name+" "+strings.Join(c.Args, " ")))
	}
	return out
}

func TestStagesAndScope(t *testing.T) {
	f := mustParse(t, `# syntax=docker/dockerfile:1
ARG BASE=debian:12
ARG TAG
FROM ${BASE} AS Build
ENV A=1 \
    B=two
FROM build AS final
ARG TAG
USER ${A}
FROM alpine:${TAG}
`)
	if f.Directives.Syntax != "docker/dockerfile:1" || f.Directives.SyntaxLine != 1 {
		t.Errorf("syntax directive = %+v", f.Directives)
	}
	if len(f.MetaArgs) != 2 || len(f.Stages) != 3 {
		t.Fatalf("meta args %d, stages %d", len(f.MetaArgs), len(f.Stages))
	}
	build, final, last := f.Stages[0], f.Stages[1], f.Stages[2]
	if build.Name != "build" || build.OrigName != "Build" || build.From.Expanded != "debian:12" || !build.From.Resolved {
		t.Errorf("build stage = %q %q %q resolved=%v", build.Name, build.OrigName, build.From.Expanded, build.From.Resolved)
	}
	if final.Parent != build || final.From.BaseStage != build {
		t.Errorf("final stage parent not linked")
	}
	u := final.Instructions[1].(*User)
	if u.Expanded != "1" {
		t.Errorf("USER ${A} expanded to %q, want ENV inherited from the parent stage", u.Expanded)
	}
	if last.From.Resolved || last.From.Expanded != "alpine:" {
		t.Errorf("FROM alpine:${TAG} with TAG unset: %q resolved=%v", last.From.Expanded, last.From.Resolved)
	}
	env := build.Instructions[0]
	if r := env.Range(); r.StartLine != 5 || r.EndLine != 6 {
		t.Errorf("ENV range = %+v, want 5-6", r)
	}
	if v, ok := build.Scope.Lookup("B"); !ok || v.Value != "two" || !v.Env || v.Line != 5 {
		t.Errorf("scope B = %+v %v", v, ok)
	}
}

func TestRunScriptLines(t *testing.T) {
	f := mustParse(t, "FROM debian:12\n"+
		"RUN --mount=type=cache,target=/var/cache/apt \\\n"+ // 2
		"    apt-get update \\\n"+ // 3
		"    # a comment inside the continuation\n"+ // 4
		"\n"+ // 5
		"    && apt-get install -y curl=${V} \\\n"+ // 6
		"    && curl -fsSL https://x.example.com | sh\n"+ // 7
		"RUN <<EOF\n"+ // 8
		"set -e\n"+ // 9
		"apt-get install -y jq\n"+ // 10
		"EOF\n"+ // 11
		"RUN bash -c 'sudo id' && python3 <<PY\n"+ // 12
		"import os\n"+ // 13
		"PY\n"+ // 14
		"ONBUILD RUN apk add git\n") // 15
	runs := f.Stages[0].Instructions
	r := runs[0].(*Run)
	if len(r.Mounts) != 1 || string(r.Mounts[0].Type) != "cache" || r.Mounts[0].Target != "/var/cache/apt" {
		t.Errorf("mounts = %+v", r.Mounts)
	}
	want := []string{"L3 apt-get update", "L6 apt-get install -y curl=${V}", "L7 curl -fsSL https://x.example.com", "L7 sh"}
	if got := cmdLines(r.Script); !reflect.DeepEqual(got, want) {
		t.Errorf("RUN 1 commands\n got %q\nwant %q", got, want)
	}
	curl := r.Script.Commands[2]
	if curl.PipesTo == nil || curl.PipesTo.Name != "sh" || r.Script.Commands[3].PipedFrom != curl || !r.Script.HasPipe {
		t.Errorf("pipe not linked")
	}
	want = []string{"L9 set -e", "L10 apt-get install -y jq"}
	if got := cmdLines(runs[1].(*Run).Script); !reflect.DeepEqual(got, want) {
		t.Errorf("heredoc commands\n got %q\nwant %q", got, want)
	}
	third := runs[2].(*Run).Script
	want = []string{"L12 bash -c sudo id", "L12 sudo id", "L12 python3"}
	if got := cmdLines(third); !reflect.DeepEqual(got, want) {
		t.Errorf("sh -c / python heredoc\n got %q\nwant %q", got, want)
	}
	if third.Commands[2].Stdin != "import os\n" {
		t.Errorf("python3 stdin = %q", third.Commands[2].Stdin)
	}
	ob := runs[3].(*Onbuild)
	inner, ok := ob.Inner.(*Run)
	if !ok || inner.Parent() != ob {
		t.Fatalf("ONBUILD inner = %T", ob.Inner)
	}
	if got := cmdLines(inner.Script); !reflect.DeepEqual(got, []string{"L15 apk add git"}) {
		t.Errorf("ONBUILD RUN commands = %q", got)
	}
}

func TestShellVariants(t *testing.T) {
	f := mustParse(t, "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"+
		"SHELL [\"powershell\", \"-Command\"]\n"+
		"RUN Get-ChildItem | Where-Object { $_.Length -gt 1 }\n"+
		"FROM alpine:3.20\n"+
		"SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\n"+
		"RUN [[ -n \"$X\" ]] && echo ok\n"+
		"RUN [\"echo\", \"exec form\"]\n")
	ps := f.Stages[0].Instructions[1].(*Run)
	if ps.Script != nil || !strings.Contains(ps.ShellError, "not a POSIX shell") {
		t.Errorf("PowerShell RUN should skip shell analysis, got script=%v err=%q", ps.Script != nil, ps.ShellError)
	}
	ash := f.Stages[1].Instructions[1].(*Run)
	if ash.Script == nil {
		t.Fatalf("ash RUN not parsed: %s", ash.ShellError)
	}
	exec := f.Stages[1].Instructions[2].(*Run)
	if !exec.ExecForm() || exec.Script != nil {
		t.Errorf("exec-form RUN should have no script")
	}
}

func TestImplicitStageAndErrors(t *testing.T) {
	f := mustParse(t, "RUN apt-get install python\nFORM alpine\nUSER app\n")
	if len(f.Stages) != 1 || !f.Stages[0].Implicit {
		t.Fatalf("want one implicit stage, got %d", len(f.Stages))
	}
	if len(f.Errors) != 1 || f.Errors[0].Line != 2 || !strings.Contains(f.Errors[0].Message, "unknown instruction: FORM") {
		t.Errorf("errors = %+v", f.Errors)
	}
	if n := len(f.Stages[0].Instructions); n != 3 {
		t.Errorf("implicit stage has %d instructions, want 3 (RUN, the unknown placeholder, USER)", n)
	}
}

// A snippet's first instruction may use the scope: its ENV extends it, its
// RUN expands --mount flags, and the ARGs above it are visible.
func TestImplicitStageScope(t *testing.T) {
	f := mustParse(t, "ARG V=1\nENV PIP_NO_CACHE_DIR=0\nRUN --mount=type=cache,target=/var/cache/apk apk add x=$V\n")
	if len(f.Stages) != 1 {
		t.Fatalf("want one implicit stage, got %d", len(f.Stages))
	}
	run := f.Stages[0].Instructions[1].(*Run)
	if len(run.Mounts) != 1 || run.Mounts[0].Target != "/var/cache/apk" {
		t.Errorf("mounts = %+v", run.Mounts)
	}
	for name, want := range map[string]string{"V": "1", "PIP_NO_CACHE_DIR": "0"} {
		if v, ok := run.Scope().Lookup(name); !ok || v.Value != want {
			t.Errorf("%s in scope = %+v, %v; want %q", name, v, ok, want)
		}
	}
}

func TestWholeFileErrors(t *testing.T) {
	for name, src := range map[string]string{
		"unterminated heredoc": "FROM alpine\nRUN <<EOF\necho hi\n",
		"line too long":        "FROM alpine\nRUN echo " + strings.Repeat("x", MaxLineBytes) + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("Dockerfile", []byte(src))
			e, ok := err.(*Error)
			if !ok || e.Line < 1 {
				t.Fatalf("want *Error with a line, got %T %v", err, err)
			}
		})
	}
}

func TestCRLFBOMAndEscape(t *testing.T) {
	f := mustParse(t, "\xef\xbb\xbfFROM alpine:3.20\r\nRUN echo one \\\r\n  && echo two\r\n")
	r := f.Stages[0].Instructions[0].(*Run)
	if got := cmdLines(r.Script); !reflect.DeepEqual(got, []string{"L2 echo one", "L3 echo two"}) {
		t.Errorf("CRLF commands = %q", got)
	}
	f = mustParse(t, "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver\nRUN echo one `\n  && echo two\n")
	if f.EscapeToken != '`' || f.Directives.Escape != "`" {
		t.Errorf("escape token = %q", f.EscapeToken)
	}
	r = f.Stages[0].Instructions[0].(*Run)
	if r.Script == nil || len(r.Script.Commands) != 2 || r.Script.Commands[1].Line != 3 {
		t.Errorf("backtick continuation: %q (commands attributed to the RUN's first line)", cmdLines(r.Script))
	}
}

func TestCopyAddHealthcheckFlags(t *testing.T) {
	f := mustParse(t, "FROM alpine AS b\nFROM alpine\n"+
		"COPY --from=b --chown=1:1 --chmod=755 --link --exclude=*.md /src /dst\n"+
		"ADD --checksum=sha256:abc https://example.com/a.tgz /a/\n"+
		"HEALTHCHECK --interval=5s --retries=3 CMD curl -f http://127.0.0.1/\n"+
		"COPY <<EOF /etc/conf\nkey=value\nEOF\n")
	in := f.Stages[1].Instructions
	c := in[0].(*Copy)
	if c.Cmd.From != "b" || c.Cmd.Chown != "1:1" || c.Cmd.Chmod != "755" || !c.Cmd.Link || len(c.Cmd.ExcludePatterns) != 1 {
		t.Errorf("COPY flags = %+v", c.Cmd)
	}
	if a := in[1].(*Add); a.Cmd.Checksum != "sha256:abc" {
		t.Errorf("ADD checksum = %q", a.Cmd.Checksum)
	}
	h := in[2].(*Healthcheck)
	if h.Cmd.Health.Retries != 3 || h.Cmd.Health.Test[0] != "CMD-SHELL" || h.IsNone() {
		t.Errorf("HEALTHCHECK = %+v", h.Cmd.Health)
	}
	if r := in[3].Range(); r.StartLine != 6 || r.EndLine != 8 {
		t.Errorf("COPY heredoc range = %+v, want 6-8", r)
	}
}

func TestKindNames(t *testing.T) {
	for k := KindFrom; k < numKinds; k++ {
		if KindOf(k.String()) != k || KindOf(strings.ToLower(k.String())) != k {
			t.Errorf("KindOf(%s) round trip failed", k)
		}
	}
	if KindOf("FORM") != KindUnknown || Kind(99).String() != "UNKNOWN" {
		t.Error("unknown keywords must map to KindUnknown")
	}
}

func TestCommandHelpers(t *testing.T) {
	s, err := ParseScript("apt-get -qy --no-install-recommends install curl jq\nDEBIAN_FRONTEND=noninteractive pip install --index-url=https://x r\n", 10, ShellPOSIX)
	if err != nil {
		t.Fatal(err)
	}
	apt, pip := s.Commands[0], s.Commands[1]
	if !apt.HasFlag("-y") || !apt.HasFlag("--no-install-recommends") || apt.HasFlag("-x") || apt.Subcommand() != "install" {
		t.Errorf("apt flags: %+v", apt.Args)
	}
	if got := apt.Positionals(); !reflect.DeepEqual(got, []string{"install", "curl", "jq"}) {
		t.Errorf("positionals = %q", got)
	}
	if v, ok := pip.FlagValue("--index-url"); !ok || v != "https://x" {
		t.Errorf("FlagValue = %q %v", v, ok)
	}
	if pip.Line != 11 || !reflect.DeepEqual(pip.Assigns, []string{"DEBIAN_FRONTEND=noninteractive"}) {
		t.Errorf("pip line %d assigns %q", pip.Line, pip.Assigns)
	}
	if !s.Has("apt-get", "install") || s.Has("apt-get", "remove") || len(s.Find("pip")) != 1 {
		t.Error("Script.Has/Find")
	}
}

// TestShellParserPanicIsAnError: mvdan's zsh mode panics on some input
// (a FuzzParseScript crasher); ParseScript returns an error instead, and
// the parser pool keeps working for the next script.
func TestShellParserPanicIsAnError(t *testing.T) {
	for range 3 { // again, to reuse whatever the pool kept
		if s, err := ParseScript("<<$A[\n", 1, ShellZsh); err == nil || !strings.Contains(err.Error(), "shell parser failed") {
			t.Fatalf("crashing script: script=%v err=%v", s != nil, err)
		}
		s, err := ParseScript("echo ok\n", 4, ShellZsh)
		if err != nil {
			t.Fatal(err)
		}
		if got := cmdLines(s); !reflect.DeepEqual(got, []string{"L4 echo ok"}) {
			t.Fatalf("next script's commands = %q", got)
		}
	}
}

// TestSourceSlicesLikeJoin: Source slices the file's text when it can;
// the result must be the lines joined with "\n", CRLF files included.
func TestSourceSlicesLikeJoin(t *testing.T) {
	for _, src := range []string{
		"FROM a\nRUN x \\\n  y\n\nCMD z", "FROM a\nRUN b\n", "\xef\xbb\xbfFROM a\r\nRUN b\r\n", "FROM a\n\n\n# c\nRUN d\n",
	} {
		f := mustParse(t, src)
		for start := 0; start <= len(f.Lines)+1; start++ {
			for end := start - 1; end <= len(f.Lines)+1; end++ {
				want := ""
				if start >= 1 && start <= len(f.Lines) && end >= start {
					want = strings.Join(f.Lines[start-1:min(end, len(f.Lines))], "\n")
				}
				if got := f.Source(Range{StartLine: start, EndLine: end}); got != want {
					t.Errorf("%q: Source(%d..%d) = %q, want %q", src, start, end, got, want)
				}
			}
		}
	}
}
