package config

import "testing"

// A configuration file is input like any other: Parse and the hadolint
// reader must return an error, never panic, on whatever they are given.
// Seeds run with go test; go test -fuzz=FuzzParse explores further.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		Template,
		"fail-level: error\nignore: [DL3008]\n",
		"overrides:\n  - files: ['a/**']\n    severity: {DKS4001: info}\n",
		"secrets:\n  patterns:\n    - {name: x, regex: 'a+b'}\n",
		"image: {timeout: 5m, platform: linux/arm64/v8}\n",
		"a: &a [*a]\n",
		"ignore: *x\n",
		"? [a]\n: b\n",
		"ignored: [DL3002]\noverride: {error: [DL3025]}\n",
		"---\n---\n",
		"\t",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if c, err := Parse("f.yaml", src); err == nil && c == nil {
			t.Fatal("Parse returned neither a config nor an error")
		}
		if c, err := parseHadolint(".hadolint.yaml", src); err == nil && c == nil {
			t.Fatal("parseHadolint returned neither a config nor an error")
		}
	})
}
