package lint_test

import (
	"slices"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// hadolint's "# hadolint shell=NAME": the rules that read RUN as a shell
// script skip the RUNs a non-POSIX shell runs, where hadolint puts them.
func TestHadolintShellPragma(t *testing.T) {
	// Lines 3, 6, 9, 12 and 14 each hold a RUN that fires
	// pipe-without-pipefail under a POSIX shell.
	const src = `# hadolint shell=powershell
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
RUN curl -s https://example.com | tee out
FROM alpine:3.20 AS posix
SHELL ["/bin/sh", "-c"]
RUN curl -s https://example.com | tee out
# hadolint shell=cmd.exe # a comment may follow
FROM posix AS inherits
RUN curl -s https://example.com | tee out
FROM alpine:3.20 AS bash
# hadolint shell=bash
RUN curl -s https://example.com | tee out
# hadolint shell=pwsh
RUN curl -s https://example.com | tee out
RUN echo "# hadolint shell=pwsh" > note
`
	res := lint.New(lint.Options{}).Lint("Dockerfile", []byte(src))
	var lines []int
	for _, f := range res.Findings {
		if f.Rule == rules.PipeWithoutPipefail {
			lines = append(lines, f.Line)
		}
	}
	// 3: the pragma before the first FROM is every stage's default.
	// 6: a SHELL instruction decides, whatever the pragma.
	// 9: a stage built FROM another starts with its state at its end (the
	//    pragma on line 7, above the FROM, belongs to stage posix).
	// 12: a POSIX shell changes nothing. 14: a pragma in a stage holds
	//    until its end.
	if want := []int{6, 12}; !slices.Equal(lines, want) {
		t.Errorf("pipe-without-pipefail on lines %v, want %v", lines, want)
	}
	plain := lint.New(lint.Options{}).Lint("Dockerfile", []byte("FROM alpine:3.20\nRUN curl -s https://example.com | tee out\n"))
	if len(plain.Findings) == 0 || !slices.ContainsFunc(plain.Findings, func(f rules.Finding) bool { return f.Rule == rules.PipeWithoutPipefail }) {
		t.Fatal("the RUN of the test does not fire pipe-without-pipefail without a pragma; the test proves nothing")
	}
}
