package rules

import (
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/fix"
)

// TestChangesOnlyServiceDocument: the small document changesOnly reads
// for a service gives the answer the whole file gives, and the whole file
// is read where the small one cannot answer (an anchor the service
// defines, an alias to an anchor defined in another service).
func TestChangesOnlyServiceDocument(t *testing.T) {
	const file = `name: demo
x-defaults: &defaults
  restart: unless-stopped
volumes:
  data: {}
services:
  web:
    <<: *defaults
    image: web:1
    ports:
      - "8080:80"
  db: &db
    image: postgres:16
  replica:
    <<: *db
    environment:
      MODE: replica
`
	keep := func(key string, value any) func(map[string]any) bool {
		return func(svc map[string]any) bool { svc[key] = value; return true }
	}
	cases := []struct {
		name, service, after, insert string
		want                         func(map[string]any) bool
		mini, same                   bool
	}{
		// web merges an anchor of a top-level key: the small document
		// carries x-defaults, and adding a key is seen as what it is.
		{"web add", "web", "      - \"8080:80\"\n", "    read_only: true\n", keep("read_only", true), true, true},
		// An edit that changes more than want says is refused either way.
		{"web wrong want", "web", "      - \"8080:80\"\n", "    read_only: true\n", keep("read_only", false), true, false},
		// A line pushed out of the service's block is not the change asked.
		{"web dedented", "web", "      - \"8080:80\"\n", "read_only: true\n", keep("read_only", true), true, false},
		// db defines an anchor that replica merges: only the whole file
		// shows that the edit changes replica too.
		{"db anchored", "db", "    image: postgres:16\n", "    read_only: true\n", keep("read_only", true), false, false},
		// replica aliases an anchor of another service: the small document
		// cannot read, so the whole file answers.
		{"replica alias", "replica", "      MODE: replica\n", "    read_only: true\n", keep("read_only", true), true, true},
	}
	// The services mapping is anchored and another key aliases it: only
	// the whole file shows that adding a key to web changes copy too.
	const aliased = "services: &all\n  web:\n    image: web:1\ncopy: *all\n"
	p := &ComposePass{Fixes: true, Source: func(string) []byte { return []byte(aliased) }}
	ct, why := serviceText(p, &compose.Service{Name: "web"}, compose.Pos{File: "compose.yaml"})
	if ct == nil {
		t.Fatal(why)
	}
	edits := []fix.Edit{Insert(strings.Index(aliased, "copy:"), "    read_only: true\n")}
	if usesMini(ct, edits) {
		t.Error("anchored services mapping: small document used")
	}
	if ct.changesOnly(edits, "web", keep("read_only", true)) {
		t.Error("anchored services mapping: an edit that also changes its alias was accepted")
	}
	for _, c := range cases {
		p := &ComposePass{Fixes: true, Source: func(string) []byte { return []byte(file) }}
		ct, why := serviceText(p, &compose.Service{Name: c.service}, compose.Pos{File: "compose.yaml"})
		if ct == nil {
			t.Fatalf("%s: %s", c.name, why)
		}
		at := strings.Index(file, c.after)
		if at < 0 {
			t.Fatalf("%s: %q not in the file", c.name, c.after)
		}
		edits := []fix.Edit{Insert(at+len(c.after), c.insert)}
		if ok := usesMini(ct, edits); ok != c.mini {
			t.Errorf("%s: small document used = %v, want %v", c.name, ok, c.mini)
		}
		whole, _ := changesOnly([]byte(file), edits, c.service, c.want)
		if got := ct.changesOnly(edits, c.service, c.want); got != c.same || whole != c.same {
			t.Errorf("%s: changesOnly = %v, whole file = %v, want %v", c.name, got, whole, c.same)
		}
	}
}

// usesMini reports whether changesOnly reads the small document of ct's
// service for edits.
func usesMini(ct *composeText, edits []fix.Edit) bool {
	m := ct.small()
	return m != nil && m.holds(edits)
}

// TestChangesOnlyCached: the decoded text changesOnly keeps for a pass is
// the same after a fix's want changed its copy: a second fix of the
// service is judged against the file, not against the first fix's change
// (a port rewritten in place, a list appended to).
func TestChangesOnlyCached(t *testing.T) {
	const file = "services:\n  web:\n    image: web:1\n    ports:\n      - \"8080:80\"\n      - \"8443:443\"\n    cap_drop: [NET_RAW]\n"
	p := &ComposePass{Fixes: true, Source: func(string) []byte { return []byte(file) }}
	ct, why := serviceText(p, &compose.Service{Name: "web"}, compose.Pos{File: "compose.yaml"})
	if ct == nil {
		t.Fatal(why)
	}
	setPort := func(i int, v string) func(map[string]any) bool {
		return func(svc map[string]any) bool { svc["ports"].([]any)[i] = v; return true }
	}
	first := strings.Index(file, "8080")
	second := strings.Index(file, "8443")
	for range 2 {
		// Each fix alone, in turn, twice: a cache changed by one would
		// refuse the other.
		if !ct.changesOnly([]fix.Edit{Insert(first, "127.0.0.1:")}, "web", setPort(0, "127.0.0.1:8080:80")) {
			t.Error("first port: refused")
		}
		if !ct.changesOnly([]fix.Edit{Insert(second, "127.0.0.1:")}, "web", setPort(1, "127.0.0.1:8443:443")) {
			t.Error("second port: refused")
		}
	}
	// An edit that does not do what want says is still refused.
	if ct.changesOnly([]fix.Edit{Insert(first, "127.0.0.1:")}, "web", setPort(1, "127.0.0.1:8443:443")) {
		t.Error("an edit of the first port accepted as the second's")
	}
	at := strings.Index(file, "NET_RAW") + len("NET_RAW")
	appendAll := func(svc map[string]any) bool { svc["cap_drop"] = append(svc["cap_drop"].([]any), "ALL"); return true }
	for range 2 {
		if !ct.changesOnly([]fix.Edit{Insert(at, ", ALL")}, "web", appendAll) {
			t.Error("cap_drop append: refused")
		}
	}
	if m := ct.small(); m == nil || len(m.doc.before["services"].(map[string]any)["web"].(map[string]any)["cap_drop"].([]any)) != 1 {
		t.Error("the cached decoded text was changed by a fix")
	}
}
