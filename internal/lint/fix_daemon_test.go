package lint_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/dockstride/dockstride/internal/daemon"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// fixDaemon fixes src with rs and mode, and fails unless the fixed text
// parses as dockerd reads it and fixing it again changes nothing.
func fixDaemon(t *testing.T, src string, rs []*rules.Rule, mode lint.FixMode) (string, lint.Result) {
	t.Helper()
	e := lint.New(lint.Options{Rules: rs})
	once := func(text string) (string, lint.Result) {
		res, fixed := e.FixDaemon(context.Background(), "daemon.json", []byte(text), mode)
		for _, p := range res.Problems {
			t.Fatalf("problem: %s", p)
		}
		if fixed == nil {
			return text, res
		}
		if string(fixed.Before) != text || len(fixed.Applied) == 0 {
			t.Fatalf("fixed: before %q, %d applied", fixed.Before, len(fixed.Applied))
		}
		return string(fixed.After), res
	}
	got, res := once(src)
	if _, err := daemon.Parse("daemon.json", []byte(got)); err != nil {
		t.Fatalf("the fixed daemon.json does not parse: %v\n%s", err, got)
	}
	if again, _ := once(got); again != got {
		t.Errorf("fixing again changed the file:\n%s", again)
	}
	return got, res
}

func TestFixDaemon(t *testing.T) {
	icc := []*rules.Rule{rules.InterContainerTrafficOpen}
	cases := []struct{ name, src, want string }{{
		name: "added after the last key, indented like it",
		src:  "{\n    \"log-driver\": \"journald\",\n    \"log-opts\": {\n        \"tag\": \"{{.Name}}\"\n    }\n}\n",
		want: "{\n    \"log-driver\": \"journald\",\n    \"log-opts\": {\n        \"tag\": \"{{.Name}}\"\n    },\n    \"icc\": false\n}\n",
	}, {
		name: "a value replaced in place",
		src:  "{\n  \"icc\" :  true,\n  \"debug\": false\n}\n",
		want: "{\n  \"icc\" :  false,\n  \"debug\": false\n}\n",
	}, {
		name: "one-line object",
		src:  `{"debug": true}`,
		want: `{"debug": true, "icc": false}`,
	}, {
		name: "empty object, CRLF",
		src:  "{\r\n}\r\n",
		want: "{\r\n  \"icc\": false\r\n}\r\n",
	}, {
		name: "empty file",
		src:  "",
		want: "{\n  \"icc\": false\n}\n",
	}, {
		name: "tabs, CRLF and a byte order mark kept",
		src:  "\xef\xbb\xbf{\r\n\t\"debug\": true\r\n}",
		want: "\xef\xbb\xbf{\r\n\t\"debug\": true,\r\n\t\"icc\": false\r\n}",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, res := fixDaemon(t, c.src, icc, lint.FixMode{Unsafe: true})
			if got != c.want {
				t.Fatalf("fixed:\n%q\nwant:\n%q", got, c.want)
			}
			if len(res.Findings) != 0 {
				t.Errorf("still found: %s", res.Findings[0].Message)
			}
			if safe, _ := fixDaemon(t, c.src, icc, lint.FixMode{}); safe != c.src {
				t.Errorf("the safe fixes changed daemon.json:\n%s", safe)
			}
		})
	}
}

// TestFixDaemonAll: every daemon rule's fix on a host's daemon.json leaves
// none of their findings, and the file says what CIS asks.
func TestFixDaemonAll(t *testing.T) {
	src := "{\n  \"icc\": true,\n  \"experimental\": true,\n  \"no-new-privileges\": false,\n  \"log-driver\": \"json-file\"\n}\n"
	got, res := fixDaemon(t, src, rules.All(), lint.FixMode{Unsafe: true})
	fixable := map[*rules.Rule]bool{
		rules.InterContainerTrafficOpen: true, rules.UsernsRemapOff: true, rules.LiveRestoreOff: true,
		rules.UserlandProxyEnabled: true, rules.ExperimentalFeaturesEnabled: true, rules.NewPrivilegesAllowed: true,
	}
	for _, fd := range res.Findings {
		if fixable[fd.Rule] {
			t.Errorf("still found: %s %s", fd.Rule.ID, fd.Message)
		}
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(got), &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"icc": false, "experimental": false, "no-new-privileges": true, "log-driver": "json-file",
		"userns-remap": "default", "live-restore": true, "userland-proxy": false}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s is %v, want %v\n%s", k, m[k], v, got)
		}
	}
	// The no-new-privileges fix is unsafe here, where its compose fix is
	// safe: the safe fixes change nothing.
	if safe, _ := fixDaemon(t, src, rules.All(), lint.FixMode{}); safe != src {
		t.Errorf("the safe fixes changed daemon.json:\n%s", safe)
	}
}

// TestFixDaemonUTF16: a UTF-16 daemon.json is not edited; the finding says
// why.
func TestFixDaemonUTF16(t *testing.T) {
	src := "\xff\xfe{\x00}\x00"
	got, res := fixDaemon(t, src, []*rules.Rule{rules.InterContainerTrafficOpen}, lint.FixMode{Unsafe: true})
	if got != src || len(res.Findings) != 1 || res.Findings[0].Fix == nil || res.Findings[0].Fix.Unavailable == "" {
		t.Fatalf("fixed %q; findings %+v", got, res.Findings)
	}
}
