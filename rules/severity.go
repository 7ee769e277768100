package rules

import (
	"fmt"
	"strings"
)

// Severity ranks findings. Lower values are more severe.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota + 1
	Warning
	Info
	Style
)

var severityNames = map[Severity]string{Error: "error", Warning: "warning", Info: "info", Style: "style"}

// String returns the lower-case name ("warning").
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return "unknown"
}

// MarshalText renders the severity's name in JSON and YAML.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "error", "warning", "info" or "style" (any case;
// "warn" is accepted for "warning").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	case "style":
		return Style, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info or style)", s)
}

// AtLeast reports whether s is as severe as min or more.
func (s Severity) AtLeast(min Severity) bool { return s != 0 && s <= min }
