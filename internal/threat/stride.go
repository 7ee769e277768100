package threat

import (
	"fmt"
	"strconv"
	"strings"
)

// strideInfo holds the user-facing texts of one category. Impact and Question
// speak about containers, in the voice of the threat model's STRIDE table, so
// a report can explain a category without sending the reader elsewhere.
type strideInfo struct {
	name     string
	letter   byte
	impact   string
	question string
}

// strideTable is indexed by STRIDE value; index 0 is the invalid zero value,
// kept empty so that a forgotten field is visibly wrong rather than Spoofing.
var strideTable = [...]strideInfo{
	{},
	Spoofing: {
		name:     "Spoofing",
		letter:   'S',
		impact:   "Unauthorized access",
		question: "Can an attacker pose as a trusted user, service or image publisher, for example with a credential baked into the image?",
	},
	Tampering: {
		name:     "Tampering",
		letter:   'T',
		impact:   "Malicious commands execution or a modified image",
		question: "Can an attacker change what the image contains or what the container executes?",
	},
	Repudiation: {
		name:     "Repudiation",
		letter:   'R',
		impact:   "Unauthorized changes not logged",
		question: "Can an action in the build or the running container go unrecorded, so nobody can prove who did it?",
	},
	InformationDisclosure: {
		name:     "Information Disclosure",
		letter:   'I',
		impact:   "Unauthorized access to secrets, code and restricted files",
		question: "Can the image or the container expose secrets, credentials or restricted files to someone who should not see them?",
	},
	DenialOfService: {
		name:     "Denial of Service",
		letter:   'D',
		impact:   "Service made unavailable through exhausted resources or exposed ports",
		question: "Can an attacker exhaust the container's resources or make its service unavailable?",
	},
	ElevationOfPrivilege: {
		name:     "Elevation of Privilege",
		letter:   'E',
		impact:   "Unauthorized system-level access",
		question: "Can a process in the container gain root, more capabilities, or reach the host?",
	},
}

// Valid reports whether s is one of the six categories; the zero value is not,
// so an unset field in a rule's Ref is caught by Ref.Validate.
func (s STRIDE) Valid() bool { return s >= Spoofing && s <= ElevationOfPrivilege }

// String returns the category's name as the threat model writes it, which is
// also what JSON output carries.
func (s STRIDE) String() string {
	if !s.Valid() {
		return "STRIDE(" + strconv.Itoa(int(s)) + ")"
	}
	return strideTable[s].name
}

// Letter returns the category's initial (S, T, R, I, D or E), for compact
// table columns; it is 0 for an invalid value.
func (s STRIDE) Letter() byte {
	if !s.Valid() {
		return 0
	}
	return strideTable[s].letter
}

// Impact is a short statement of what the category costs when it happens to a
// container, matching the Impact column of the threat model.
func (s STRIDE) Impact() string {
	if !s.Valid() {
		return ""
	}
	return strideTable[s].impact
}

// Question is the question a reviewer asks of a Dockerfile or image to find
// threats of this category.
func (s STRIDE) Question() string {
	if !s.Valid() {
		return ""
	}
	return strideTable[s].question
}

// AllSTRIDE returns the six categories in the order the threat model lists
// them. It returns a new slice each call so callers may modify it.
func AllSTRIDE() []STRIDE {
	return []STRIDE{Spoofing, Tampering, Repudiation, InformationDisclosure, DenialOfService, ElevationOfPrivilege}
}

// ParseSTRIDE accepts what users type in configuration and on the command line:
// the name in any case, with or without spaces, hyphens or underscores
// ("elevation of privilege", "ElevationOfPrivilege"), the single letter, and
// the common abbreviations DoS and EoP.
func ParseSTRIDE(text string) (STRIDE, bool) {
	key := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '-', '_':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(text)))
	if key == "" {
		return 0, false
	}
	switch key {
	case "dos":
		return DenialOfService, true
	case "eop":
		return ElevationOfPrivilege, true
	}
	for _, s := range AllSTRIDE() {
		info := strideTable[s]
		if key == strings.ToLower(strings.ReplaceAll(info.name, " ", "")) ||
			(len(key) == 1 && key[0] == info.letter+('a'-'A')) {
			return s, true
		}
	}
	return 0, false
}

// MarshalText renders the name, so JSON and YAML show "Tampering" rather than
// a number whose meaning depends on this package's constant order.
func (s STRIDE) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("threat: invalid STRIDE value %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText accepts everything ParseSTRIDE does, so hand-written
// configuration can use letters while machine output round-trips the name.
func (s *STRIDE) UnmarshalText(text []byte) error {
	v, ok := ParseSTRIDE(string(text))
	if !ok {
		return fmt.Errorf("threat: unknown STRIDE category %q", text)
	}
	*s = v
	return nil
}
