package config

import (
	"testing"
	"time"
)

// The fix section sets the limits the compose fixes write; bad values
// stop the run with the key's line.
func TestFixKeys(t *testing.T) {
	c, err := Parse("c.yaml", []byte("fix:\n  mem-limit: 1g\n  pids-limit: 64\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := c.LintOptions(time.Now).Settings
	if s.FixMemLimit != "1g" || s.FixPidsLimit != 64 {
		t.Errorf("settings: mem %q, pids %d", s.FixMemLimit, s.FixPidsLimit)
	}
	d := Default().LintOptions(time.Now).Settings
	if d.FixMemLimit != "" || d.FixPidsLimit != 0 {
		t.Errorf("defaults: mem %q, pids %d; want the rules' defaults to apply", d.FixMemLimit, d.FixPidsLimit)
	}
	for _, bad := range []string{"fix:\n  mem-limit: lots\n", "fix:\n  mem-limit: -5m\n", "fix:\n  pids-limit: 0\n", "fix:\n  pids-limit: many\n"} {
		if _, err := Parse("c.yaml", []byte(bad)); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
