package bkparse_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile/bkparse"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// outcome is everything a parse produces, panics included.
type outcome struct {
	res   *parser.Result
	err   string
	locs  [][]parser.Range
	panic string
}

func parseWith(fn func([]byte) (*parser.Result, error), src []byte) (o outcome) {
	defer func() {
		if r := recover(); r != nil {
			o.panic = fmt.Sprint(r)
		}
	}()
	res, err := fn(src)
	o.res = res
	if err != nil {
		o.err = err.Error()
		var le *parser.LocationError
		if ok := asLocation(err, &le); ok {
			o.locs = le.Locations
		}
	}
	return o
}

func asLocation(err error, le **parser.LocationError) bool {
	for e := err; e != nil; {
		if l, ok := e.(*parser.LocationError); ok {
			*le = l
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		e = u.Unwrap()
	}
	return false
}

func buildkit(src []byte) (*parser.Result, error) { return parser.Parse(bytes.NewReader(src)) }
func ours(src []byte) (*parser.Result, error)     { return bkparse.Parse(bytes.NewReader(src)) }

// sameParse fails unless the fork and BuildKit's parser agree exactly on
// src: the AST (every node, flag, heredoc, comment and line), the warnings,
// the escape token, the error text and its locations, or the panic.
func sameParse(t *testing.T, name string, src []byte) {
	t.Helper()
	want, got := parseWith(buildkit, src), parseWith(ours, src)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s: the fork parses differently from BuildKit:\n--- BuildKit: err=%q panic=%q\n%s\n--- fork: err=%q panic=%q\n%s",
			name, want.err, want.panic, dump(want.res), got.err, got.panic, dump(got.res))
	}
}

func dump(r *parser.Result) string {
	if r == nil || r.AST == nil {
		return "<nil>"
	}
	return r.AST.Dump()
}

// TestSameASTAsBuildKit holds the fork to BuildKit's parser on every
// Dockerfile in the repository, hand-written edge cases, and the shared
// corpus (a sample of it under the race detector).
func TestSameASTAsBuildKit(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../../../testdata/*/*.Dockerfile", "../../../testdata/*/*/*.Dockerfile", "../../../testdata/*/*/*/*.Dockerfile"} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	if dir, ok := testcorpus.Dir(); ok {
		files, err := testcorpus.Files(dir)
		if err != nil {
			t.Fatal(err)
		}
		if raceEnabled {
			files = testcorpus.Sample(dir, files, 8)
		}
		paths = append(paths, files...)
	}
	if len(paths) < 10 {
		t.Fatalf("only %d Dockerfiles found", len(paths))
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sameParse(t, p, src)
	}
	for i, src := range edgeCases {
		sameParse(t, fmt.Sprintf("edge case %d %q", i, src), []byte(src))
	}
}

// edgeCases exercise the line-continuation rule the fork rewrote.
var edgeCases = []string{
	"",
	"\\",
	"FROM a\nRUN a \\\n b",
	"FROM a\nRUN a \\  \t\n b",
	"FROM a\nRUN a \\\\\n",
	"FROM a\nRUN a \\\\\\\nb\n",
	"FROM a\nRUN a\\\r\n b\r\n",
	"FROM a\nRUN a \\\n\\\n b\n",
	"FROM a\nRUN a \\\n   \\   \n b\n",
	"FROM a\nRUN a \\\n# comment\n b\n",
	"FROM a\nRUN a \\\n\n b\n",
	"FROM a\nRUN é\\\n b\n",
	"FROM a\nRUN \xff\\\n b\n",
	"FROM a\nRUN \xc3\\\n b\n",
	"# escape=`\nFROM a\nRUN a `\n b\n",
	"# escape=`\nFROM a\nRUN a ``\nRUN b \\\n",
	"# escape=`\nFROM a\nRUN a \\\n b`  \n c\n",
	"FROM a\nRUN <<EOF\nx \\\nEOF\n",
	"FROM a\nRUN a \\",
	"FROM a\nRUN a \\\n",
	"\xef\xbb\xbfFROM a\nRUN a \\\n b\n",
	"#!/bin/sh\n# escape=`\nFROM a\n",
	strings.Repeat("FROM a\nRUN x \\\n y \\\n", 50) + "z\n",
	// The scanner's pooled 4 KiB buffer growing to bufio's 64 KiB limit,
	// and lines at the limit, with and without a newline.
	"FROM a\nRUN " + strings.Repeat("x", 5000) + "\nRUN y\n",
	"FROM a\nRUN " + strings.Repeat("x", 65536-5) + "\nRUN y\n",
	"FROM a\nRUN " + strings.Repeat("x", 65536-4) + "\nRUN y\n",
	"FROM a\nRUN " + strings.Repeat("x", 65536-5),
	"FROM a\nRUN " + strings.Repeat("x", 65536-4),
	"FROM a\nRUN <<EOF\n" + strings.Repeat("y", 70000) + "\nEOF\n",
	// ENV, LABEL and ARG words: quotes, escapes (a trailing one is
	// dropped), Unicode blanks and invalid UTF-8, under both escape tokens.
	"FROM a\nENV a=1 b=\"x y\" c='z w' d=\\ e\\ f=\"q\\\"r\"\nLABEL \"k l\"=v x=\"\" y='' z=a\\\nARG A B=\"\" C\\\n",
	"FROM a\nENV a=\"b\\\nENV c='d\nENV e=\"f\\\nARG g=\u00a0h i=\u2028j\nLABEL k=\xff l\xfe=m\xc3\nENV n\xe2\x82 o\n",
	"# escape=`\nFROM a\nENV a=` b=\"c`\"d\" e=x`\nLABEL f=\"g`\nARG h=i` j=\xff`\n",
	// An escape token ending the text, unquoted and quoted: after another
	// one it is no line continuation, and parseWords drops it.
	"FROM a\nENV a=x\\\\\\\nLABEL b=\"y\\\\\\\nARG c=z\\\\\\\nENV d=\"e\\\\\\\n",
	"# escape=`\nFROM a\nENV a=x```\nLABEL b=\"y```\n",
}

// FuzzSameASTAsBuildKit holds the fork to BuildKit's parser on arbitrary
// text. Seeds: the edge cases above and testdata/fuzz/FuzzSameASTAsBuildKit.
// To fuzz:
//
//	go test ./internal/dockerfile/bkparse -run '^$' -fuzz FuzzSameASTAsBuildKit -parallel=1 -fuzztime 15m
func FuzzSameASTAsBuildKit(f *testing.F) {
	for _, s := range edgeCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameParse(t, "fuzz input", src)
	})
}
