package dockerfile

import "testing"

func TestSanitize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"unknown instruction: RUNN", "unknown instruction: RUNN"},
		{"unknown instruction: b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE", "unknown instruction: b3Bl…"},
		{"unknown instruction: ghp_Pq7Rs6Tu5Vw4Xy3Za2Bc1De0Fg9Hi8Jk7Lm6", "unknown instruction: [REDACTED]"},
		{`invalid name for build stage: "platform-arm/v7"`, `invalid name for build stage: "platform-arm/v7"`},
		{"no such file /usr/lib/x86_64-linux-gnu/libfoo.so.1", "no such file /usr/lib/x86_64-linux-gnu/libfoo.so.1"},
		{"package python3-software-properties", "package python3-software-properties"},
	} {
		if got := sanitize(c.in); got != c.want {
			t.Errorf("sanitize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
