package ruledoc

import (
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// Every rule's terminal page has its sections and none of the Markdown a
// terminal would show raw: table pipes, <br>, link brackets, emphasis.
func TestTerminalHasNoMarkdown(t *testing.T) {
	for _, r := range rules.All() {
		page := Terminal(r)
		for _, want := range []string{r.ID + " " + r.Name + ": " + r.Title, "\nWHY\n", "\nTHREAT\n", "\nFIX\n", "  STRIDE  "} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %q", r.ID, want)
			}
		}
		inExample := false
		for i, line := range strings.Split(page, "\n") {
			switch {
			case line == "EXAMPLES":
				inExample = true
			case line == "FIX":
				inExample = false
			}
			if inExample {
				continue // examples are Dockerfiles and txtar images, printed as they are
			}
			for _, raw := range []string{"<br>", "](", "**", "| --- |"} {
				if strings.Contains(line, raw) {
					t.Errorf("%s line %d has raw Markdown %q: %s", r.ID, i+1, raw, line)
				}
			}
			if strings.HasPrefix(strings.TrimSpace(line), "|") || strings.HasPrefix(line, "#") {
				t.Errorf("%s line %d is a Markdown table row or heading: %s", r.ID, i+1, line)
			}
		}
	}
}

func TestPlainInline(t *testing.T) {
	for in, want := range map[string]string{
		"[T1611](https://attack.mitre.org/techniques/T1611/) Escape": "T1611 (https://attack.mitre.org/techniques/T1611/) Escape",
		"see <https://docs.docker.com/>":                             "see https://docs.docker.com/",
		"**Impact:** `USER 10001`":                                   "Impact: `USER 10001`",
		"[https://x.example/](https://x.example/)":                   "https://x.example/",
	} {
		if got := plainInline(in); got != want {
			t.Errorf("plainInline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteProseWraps(t *testing.T) {
	var b strings.Builder
	writeProse(&b, strings.Repeat("word ", 40)+"\n\nsecond paragraph")
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) < 4 || lines[len(lines)-2] != "" || lines[len(lines)-1] != "  second paragraph" {
		t.Fatalf("paragraphs not kept apart:\n%s", b.String())
	}
	for _, l := range lines {
		if len(l) > terminalWidth || (l != "" && !strings.HasPrefix(l, "  ")) {
			t.Errorf("line %q is too long or not indented", l)
		}
	}
}
