// Package threat is the typed catalogue that dockstride findings are tied to:
// STRIDE categories, MITRE ATT&CK for Containers techniques, CIS Docker
// Benchmark items, CWE weaknesses and security controls.
//
// Every entry is declared once as a package-level value; rules reference the
// values, so a typo in a rule's threat metadata is a compile error rather than
// a silently wrong report.
package threat

import "fmt"

// STRIDE is one of the six STRIDE threat categories.
type STRIDE int

// The STRIDE categories, in the order the threat model lists them.
const (
	Spoofing STRIDE = iota + 1
	Tampering
	Repudiation
	InformationDisclosure
	DenialOfService
	ElevationOfPrivilege
)

// Ref is the threat metadata of one rule. Every rule has at least one STRIDE
// category and one CWE; the other lists may be empty.
type Ref struct {
	STRIDE   []STRIDE
	ATTACK   []*Technique
	CIS      []*CISItem
	CWE      []*CWE
	Controls []*Control
}

// Technique is a MITRE ATT&CK technique (or sub-technique).
type Technique struct {
	ID   string // "T1552.001"
	Name string // "Unsecured Credentials: Credentials In Files"
	// Tactic is the one tactic every dockstride output files the technique
	// under ("Credential Access"): the first of Tactics unless the threat
	// model files it under another (see the catalogue).
	Tactic string
	// Tactics lists every tactic ATT&CK files the technique under, in
	// matrix (kill-chain) order.
	Tactics []string
}

// URL is the technique's page on attack.mitre.org.
func (t *Technique) URL() string {
	return "https://attack.mitre.org/techniques/" + techniquePath(t.ID) + "/"
}

// CISItem is a recommendation of the CIS Docker Benchmark.
type CISItem struct {
	Number string // "4.1"
	Title  string
}

// String renders the item as "CIS Docker 4.1".
func (c *CISItem) String() string { return "CIS Docker " + c.Number }

// CWE is a Common Weakness Enumeration entry.
type CWE struct {
	ID   int
	Name string
}

// String renders the weakness as "CWE-250".
func (c *CWE) String() string { return fmt.Sprintf("CWE-%d", c.ID) }

// URL is the weakness's page on cwe.mitre.org.
func (c *CWE) URL() string {
	return fmt.Sprintf("https://cwe.mitre.org/data/definitions/%d.html", c.ID)
}

// Control is a security control of a published framework.
type Control struct {
	Framework string // "NIST SP 800-53", "OWASP ASVS", "OWASP Top Ten", "NIST SP 800-190"
	ID        string // "AC-6", "V5", "A07:2021", "4.1.1"
	Title     string
}

// String renders the control as "NIST SP 800-53 AC-6".
func (c *Control) String() string { return c.Framework + " " + c.ID }

func techniquePath(id string) string {
	out := []byte(id)
	for i, b := range out {
		if b == '.' {
			out[i] = '/'
		}
	}
	return string(out)
}
