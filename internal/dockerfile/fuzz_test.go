package dockerfile_test

import (
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// FuzzParseScript feeds arbitrary shell text to the shell model (mvdan's
// parser plus our command walk, `sh -c` and heredoc recursion included):
// it must not panic, and every command it reports must carry a line
// inside the text it was given.
//
// Seeds: testdata/fuzz/FuzzParseScript (RUN scripts from the shared corpus
// and every crasher found so far). CI runs the seeds only; to fuzz:
//
//	go test ./internal/dockerfile -run '^$' -fuzz FuzzParseScript -parallel=1 -fuzztime 15m
func FuzzParseScript(f *testing.F) {
	f.Add("set -eux; apt-get update && apt-get install -y curl | tee /log", uint8(0))
	f.Add("sh -c 'curl -fsSL https://x | bash' && cat <<EOF > /etc/x\nline $(date)\nEOF\n", uint8(1))
	f.Add("<<EOF\necho `uname` ${A:-$(b)}\nEOF\n", uint8(2))
	f.Add("for i in $(seq 3); do case $i in 1) echo a;; esac; done &", uint8(3))
	f.Fuzz(func(t *testing.T, src string, v uint8) {
		const first = 7
		variant := dockerfile.ShellVariant(v % uint8(dockerfile.ShellOther))
		s, err := dockerfile.ParseScript(src, first, variant)
		if err != nil {
			return
		}
		last := first + strings.Count(src, "\n")
		for _, c := range s.Commands {
			if c.Line < first || c.Line > last || c.EndLine < c.Line || c.EndLine > last {
				t.Fatalf("command %q at lines %d-%d is outside %d..%d", c.Name, c.Line, c.EndLine, first, last)
			}
		}
	})
}
