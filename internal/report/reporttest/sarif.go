// Package reporttest holds what the tests of several packages need to
// check the reports' formats.
package reporttest

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SARIFSchema compiles the OASIS SARIF 2.1.0 schema checked into
// internal/report/testdata, with format assertions on, so "uri" and
// "uri-reference" values are checked too. It is found next to this
// source file, so tests of any package, run from any directory, use it.
func SARIFSchema(tb testing.TB) *jsonschema.Schema {
	tb.Helper()
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("reporttest: no source path to find the schema from")
	}
	f, err := os.Open(filepath.Join(filepath.Dir(self), "..", "testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		tb.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		tb.Fatal(err)
	}
	return sch
}

// ValidateSARIF holds a SARIF log to the schema: nil when it validates,
// else what is wrong (not JSON, or where it breaks the schema).
func ValidateSARIF(tb testing.TB, log []byte) error {
	tb.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return err
	}
	return SARIFSchema(tb).Validate(inst)
}
