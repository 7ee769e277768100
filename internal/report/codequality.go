package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/ruledoc"
	"github.com/dockstride/dockstride/rules"
)

// GitLab's Code Quality report is a subset of the Code Climate issue spec,
// so both formats are built here from one struct: GitLab gets the fields
// its merge-request widget reads, Code Climate the full issue.

type ccIssue struct {
	Type        string     `json:"type,omitempty"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Content     *ccContent `json:"content,omitempty"`
	Categories  []string   `json:"categories,omitempty"`
	Location    ccLocation `json:"location"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
}

type ccContent struct {
	Body string `json:"body"`
}

type ccLocation struct {
	Path  string  `json:"path"`
	Lines ccLines `json:"lines"`
}

type ccLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// GitLab writes a GitLab Code Quality report (the artifacts:reports:
// codequality JSON): one issue per finding and per input problem. Image
// findings name the image as their path and line 1, since the widget needs
// a line; the message says where in the image.
func GitLab(w io.Writer, r *Report, _ Meta) error { return writeCodeQuality(w, r, false) }

// CodeClimate writes Code Climate engine issues as one JSON array, with the
// rule's documentation as each issue's content.
func CodeClimate(w io.Writer, r *Report, _ Meta) error { return writeCodeQuality(w, r, true) }

func writeCodeQuality(w io.Writer, r *Report, full bool) error {
	issues := make([]ccIssue, 0, len(r.Findings)+len(r.Problems))
	fp := lint.NewFingerprinter()
	for _, f := range r.Findings {
		is := ccIssue{
			CheckName:   f.Rule.ID,
			Description: f.Rule.ID + " " + f.Rule.Name + ": " + Message(f),
			Severity:    ccSeverity(f.Severity),
			Fingerprint: hashFingerprint(fp.Next(f)),
			Location:    ccLocation{Path: f.File, Lines: ccLines{Begin: max(f.Line, 1), End: f.EndLine}},
		}
		if f.InImage() {
			is.Location = ccLocation{Path: f.Image, Lines: ccLines{Begin: 1}}
			if f.Path != "" {
				is.Description += " (" + imagePathLine(f) + ")"
			}
		}
		if full {
			is.Type = "issue"
			is.CheckName = f.Rule.ID + " " + f.Rule.Name
			is.Description = Message(f)
			is.Content = &ccContent{Body: ruledoc.Markdown(f.Rule)}
			is.Categories = []string{"Security"}
			if f.Rule.Severity == rules.Style {
				is.Categories = append(is.Categories, "Style")
			}
		}
		issues = append(issues, is)
	}
	for _, p := range r.Problems {
		is := ccIssue{
			CheckName:   "input-error",
			Description: "dockstride could not analyse this input: " + p.Message,
			Severity:    "blocker",
			Fingerprint: hashFingerprint("input-error\x00" + p.File + "\x00" + p.Message),
			Location:    ccLocation{Path: p.File, Lines: ccLines{Begin: max(p.Line, 1)}},
		}
		if full {
			is.Type, is.Categories = "issue", []string{"Bug Risk"}
		}
		issues = append(issues, is)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

// ccSeverity maps to Code Climate's scale (info, minor, major, critical,
// blocker); blocker is kept for inputs that could not be analysed at all.
func ccSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "critical"
	case rules.Warning:
		return "major"
	case rules.Info:
		return "minor"
	}
	return "info"
}

// hashFingerprint turns a fingerprint into the 32 hex digits Code Climate
// consumers expect (GitLab deduplicates issues on it).
func hashFingerprint(s string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(s)))
	return hex.EncodeToString(sum[:16])
}
