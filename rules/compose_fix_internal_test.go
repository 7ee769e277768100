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
	if _, _, ok := ct.serviceDocument(edits); ok {
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
		if _, _, ok := ct.serviceDocument(edits); ok != c.mini {
			t.Errorf("%s: small document used = %v, want %v", c.name, ok, c.mini)
		}
		whole, _ := changesOnly([]byte(file), edits, c.service, c.want)
		if got := ct.changesOnly(edits, c.service, c.want); got != c.same || whole != c.same {
			t.Errorf("%s: changesOnly = %v, whole file = %v, want %v", c.name, got, whole, c.same)
		}
	}
}
