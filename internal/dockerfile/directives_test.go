package dockerfile

import (
	"bytes"
	"os"
	"testing"

	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// directivesViaBuildKit is what readDirectives replaced: BuildKit's
// ParseDirective once per key, each scanning the whole file.
func directivesViaBuildKit(src []byte) Directives {
	var d Directives
	if v, _, loc, ok := parser.ParseDirective("syntax", src); ok {
		d.Syntax, d.SyntaxLine = v, firstLine(loc)
	}
	if v, _, loc, ok := parser.ParseDirective("escape", src); ok {
		d.Escape, d.EscapeLine = v, firstLine(loc)
	}
	if v, _, loc, ok := parser.ParseDirective("check", src); ok {
		d.Check, d.CheckLine = v, firstLine(loc)
	}
	return d
}

// TestReadDirectives holds the one-pass header reader to BuildKit's
// ParseDirective on tricky headers and on every corpus file.
func TestReadDirectives(t *testing.T) {
	inputs := [][]byte{
		[]byte("# syntax=docker/dockerfile:1\nFROM a\n"),
		[]byte("#!/usr/bin/env buildctl\n# syntax = x/y:1 extra\r\n# escape=`\n# check=skip=all;error=true\nFROM a\n"),
		[]byte("\xef\xbb\xbf# escape=\\\n# syntax=a\n"),
		[]byte("# syntax=a\n# syntax=b\n# check=x\n"),
		[]byte("# comment\n# syntax=a\n"),
		[]byte("# unknown=1\n# syntax=a\n"),
		[]byte("#syntax=a"),
		[]byte("# ESCAPE = `\n"),
		[]byte("#!\n#!/bin/sh\n# syntax=a\n"),
		[]byte("FROM a\n# syntax=a\n"),
		[]byte(""), []byte("#"), []byte("#\n\n# syntax=a\n"),
	}
	if dir, ok := testcorpus.Dir(); ok {
		files, err := testcorpus.Files(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, src)
		}
	}
	for _, src := range inputs {
		if got, want := readDirectives(src), directivesViaBuildKit(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))); got != want {
			t.Errorf("readDirectives(%.80q) = %+v, BuildKit says %+v", src, got, want)
		}
	}
}
