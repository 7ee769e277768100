package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dockstride/dockstride/internal/report"
)

// output is one --format value: a format, written to stdout or to a file.
type output struct {
	name   string
	format report.Formatter
	file   string // "" for stdout
}

// parseOutputs reads the --format values, F or F=FILE. At most one format
// may go to stdout (two would interleave into something no tool can read),
// and no file may be named twice. outFile (-o) sends what would go to
// stdout to that file instead.
func parseOutputs(values []string, outFile string) ([]output, error) {
	var outs []output
	stdout := ""
	files := map[string]bool{}
	for _, v := range values {
		name, file, hasFile := strings.Cut(v, "=")
		f, err := report.Lookup(strings.TrimSpace(name))
		if err != nil {
			return nil, err
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("%q names no file after =", v)
		}
		if !hasFile {
			if stdout != "" {
				return nil, fmt.Errorf("both %s and %s would write to stdout; send one to a file with %s=FILE", stdout, name, name)
			}
			stdout = name
		} else {
			if files[file] {
				return nil, fmt.Errorf("%s is named by two formats", file)
			}
			files[file] = true
		}
		outs = append(outs, output{name: report.Canonical(name), format: f, file: file})
	}
	if outFile == "" {
		return outs, nil
	}
	for i := range outs {
		if outs[i].file == "" {
			if files[outFile] {
				return nil, fmt.Errorf("%s is named by -o and by a format", outFile)
			}
			outs[i].file = outFile
			return outs, nil
		}
	}
	return nil, fmt.Errorf("-o %s: every format already goes to a file", outFile)
}

// write renders the report. Colour is decided per destination: only stdout
// on a terminal gets it, never a file.
func (o output) write(stdout io.Writer, g *globals, rep *report.Report, meta report.Meta) (err error) {
	if o.file == "" {
		meta.Color = g.useColor(stdout)
		if err := o.format(stdout, rep, meta); err != nil {
			return fmt.Errorf("writing %s report: %w", o.name, err)
		}
		return nil
	}
	f, err := os.Create(o.file)
	if err != nil {
		return fmt.Errorf("--format %s: %w", o.name, err)
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	if err := o.format(f, rep, meta); err != nil {
		return fmt.Errorf("writing %s report to %s: %w", o.name, o.file, err)
	}
	return nil
}

// writeOutputs writes every output; stdoutText says the text format went
// to stdout (so problems need not be repeated on stderr).
func writeOutputs(stdout io.Writer, g *globals, outputs []output, rep *report.Report, meta report.Meta) (stdoutText bool, err error) {
	for _, o := range outputs {
		if o.file == "" {
			stdoutText = o.name == "text"
		}
		if err := o.write(stdout, g, rep, meta); err != nil {
			return stdoutText, &exitError{code: ExitError, err: err}
		}
	}
	return stdoutText, nil
}
