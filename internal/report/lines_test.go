package report_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// Every line of the line-oriented formats parses back: one line per finding
// or problem, nothing a message could split or forge.
func TestLineFormatsParse(t *testing.T) {
	rep := loadInput(t)
	want := len(rep.Findings) + len(rep.Problems)
	formats := map[string]*regexp.Regexp{
		"gnu": regexp.MustCompile(`^[^:\n]+(:[^:\n]+)*?(:\d+(\.\d+)?(-\d+)?)?: (error|warning|info|style): .+$`),
		// ::level props::data, where props is k=v pairs without raw "," or ":".
		"github": regexp.MustCompile(`^::(error|warning|notice) ([a-zA-Z]+=[^,:]*)(,[a-zA-Z]+=[^,:]*)*::[^\r\n]*$`),
	}
	for name, re := range formats {
		out := strings.TrimSuffix(string(render(t, name, rep, testMeta())), "\n")
		lines := strings.Split(out, "\n")
		if len(lines) != want {
			t.Errorf("%s: %d lines, want %d (one per finding and problem)", name, len(lines), want)
		}
		for _, l := range lines {
			if !re.MatchString(l) {
				t.Errorf("%s: line does not parse: %q", name, l)
			}
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	out := string(render(t, "github", loadInput(t), testMeta()))
	for _, want := range []string{
		"file=dir with space/Dockerfile.prod,line=7,",
		"::CMD in shell form: line one%0Aline two, with a colon: here\n", // data keeps ":" and ","
		"100%25 in the image config",
		"title=dockstride%3A input error::",
		"line=3,endLine=5,col=1,",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("github output lacks %q:\n%s", want, out)
		}
	}
}

// The JSON contract reads back with the fields DESIGN.md promises.
func TestJSONParse(t *testing.T) {
	rep := loadInput(t)
	var got struct {
		Schema   int `json:"schema"`
		Findings []struct {
			Rule   string   `json:"rule"`
			Line   int      `json:"line"`
			Target string   `json:"target"`
			Path   string   `json:"path"`
			STRIDE []string `json:"stride"`
		} `json:"findings"`
		Errors []struct {
			File string `json:"file"`
		} `json:"errors"`
		Summary struct {
			Findings int `json:"findings"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(render(t, "json", rep, testMeta()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Schema != 1 || len(got.Findings) != len(rep.Findings) || got.Summary.Findings != len(rep.Findings) || len(got.Errors) != len(rep.Problems) {
		t.Fatalf("schema %d, %d findings (summary %d), %d errors", got.Schema, len(got.Findings), got.Summary.Findings, len(got.Errors))
	}
	for _, f := range got.Findings {
		if len(f.STRIDE) == 0 {
			t.Errorf("%s: no STRIDE", f.Rule)
		}
		if f.Target == "image" && (f.Line != 0 || f.Path == "" && f.Rule != "DKS9101") {
			t.Errorf("%s: image finding with line %d, path %q", f.Rule, f.Line, f.Path)
		}
		if f.Target == "dockerfile" && f.Line < 1 {
			t.Errorf("%s: Dockerfile finding with line %d", f.Rule, f.Line)
		}
	}
}
