package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dockstride/dockstride/rules"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns into
// annotations on the pull request's diff:
//
//	::error file=Dockerfile,line=3,endLine=4,title=DKS5001 secret-in-arg-env::message
//
// Errors become error annotations, warnings warning, info and style notice.
// Image findings have no file to annotate and appear on the run's summary.
func GitHub(w io.Writer, r *Report, _ Meta) error {
	var b strings.Builder
	for _, f := range r.Findings {
		props := []string{}
		msg := Message(f)
		if f.InImage() {
			msg = f.Location.String() + ": " + msg
		} else {
			props = append(props, "file="+escapeGitHubProperty(f.File))
			if f.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Line))
				if f.EndLine > f.Line {
					props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
				}
				if f.Column > 0 {
					props = append(props, fmt.Sprintf("col=%d", f.Column))
				}
			}
		}
		props = append(props, "title="+escapeGitHubProperty(f.Rule.ID+" "+f.Rule.Name))
		fmt.Fprintf(&b, "::%s %s::%s\n", githubLevel(f.Severity), strings.Join(props, ","), escapeGitHubData(msg))
	}
	for _, p := range r.Problems {
		props := "file=" + escapeGitHubProperty(p.File)
		if p.Line > 0 {
			props += fmt.Sprintf(",line=%d", p.Line)
		}
		fmt.Fprintf(&b, "::error %s,title=%s::%s\n", props, escapeGitHubProperty("dockstride: input error"), escapeGitHubData(p.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func githubLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// escapeGitHubData escapes a command's message as the runner's
// toCommandValue expects: % first, then CR and LF.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a property value: the data escapes plus the
// two separators of the property list, ":" and ",".
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
