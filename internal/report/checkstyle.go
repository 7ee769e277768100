package report

import (
	"encoding/xml"
	"io"

	"github.com/dockstride/dockstride/rules"
)

type csRoot struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes Checkstyle XML (version 4.3, what Jenkins' warnings
// plugin, reviewdog and most CI dashboards read): one <file> per scanned
// Dockerfile or image, one <error> per finding or input problem. Image findings carry no line; their
// message starts with the path inside the image (and the line of a source
// file there).
func Checkstyle(w io.Writer, r *Report, _ Meta) error {
	var files grouped[csFile]
	file := func(name string) *csFile { return files.get(name, func(f *csFile) { f.Name = name }) }
	for _, f := range r.Findings {
		e := csError{Line: f.Line, Column: f.Column, Severity: checkstyleSeverity(f.Severity), Message: Message(f),
			Source: "dockstride." + f.Rule.ID + "." + f.Rule.Name}
		if f.InImage() && f.Path != "" {
			e.Message = imagePathLine(f) + ": " + f.Message
			e.Line, e.Column = 0, 0
		}
		cf := file(f.Artifact())
		cf.Errors = append(cf.Errors, e)
	}
	for _, p := range r.Problems {
		cf := file(p.File)
		cf.Errors = append(cf.Errors, csError{Line: p.Line, Severity: "error", Message: p.Message, Source: "dockstride.input-error"})
	}
	// Clean inputs get an empty <file>, as Checkstyle itself lists every
	// file it checked, so dashboards can tell clean from unscanned.
	for _, in := range r.Inputs {
		file(in)
	}
	root := csRoot{Version: "4.3", Files: files.values()}
	return writeXML(w, root)
}

// checkstyleSeverity maps to Checkstyle's levels (error, warning, info).
func checkstyleSeverity(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "info"
}

// writeXML writes an indented document with the XML declaration.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
