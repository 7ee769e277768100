package rules

import "fmt"

// Finding is one problem found by a rule.
type Finding struct {
	Rule     *Rule
	Severity Severity
	Message  string
	// Location is where the problem is.
	Location
	// SourceHash identifies the source text the finding is about, so a
	// report can fingerprint a finding across runs without its line number
	// (which shifts whenever lines are added above). It is a hash, never the
	// text, because the text may hold the very secret a rule reports; the
	// engine sets it (lint.SourceHash).
	SourceHash string
	// Aliases are the peer IDs this finding stands for; set only by rules
	// with AliasesPerFinding.
	Aliases []string
	// Fix is the change that removes the problem, or why none is offered;
	// nil for a rule with no fixes (see Rule.Fix).
	Fix *Fix
}

// Location is where a finding points. Target says which of its fields
// apply: File and lines for a Dockerfile, a compose file, a daemon.json or
// a source file; Image and Digest for every image target, with History for
// a history entry and Layer and Path (and lines, for source code) for a
// file.
type Location struct {
	Target Target
	// File and the 1-based line range locate a finding in a file; a finding
	// about a whole stage points at its FROM line, one about a setting a
	// compose service lacks at the deepest enclosing key that is written.
	File    string
	Line    int
	EndLine int
	Column  int
	// Service names the compose service a finding belongs to: the service
	// whose settings a compose finding is about, or the services that
	// build the Dockerfile a Dockerfile finding is in (", "-separated).
	Service string
	// Image is the image's name; Digest its manifest digest.
	Image  string
	Digest string
	// History is, for TargetImageHistory, the 0-based index of the entry in
	// the image config's history that the finding is about.
	History int
	// Layer is the digest of the layer holding Path (TargetImageLayer), or
	// of the layer a history entry made, when known. A finding about a
	// line of a source file in a layer has Line and EndLine too.
	Layer string
	Path  string
}

// InImage reports whether the location is in a built image.
func (l Location) InImage() bool { return l.Target.Input() == InputImage }

// Artifact is the file or image the location belongs to: the unit the
// per-file formats group by.
func (l Location) Artifact() string {
	if l.InImage() {
		return l.Image
	}
	return l.File
}

// String renders the location for people: "file:line" for a file,
// "image" or "image:path" for an image, "image:path:line" for a line of
// a source file in an image.
func (l Location) String() string {
	switch {
	case l.InImage() && l.Path != "" && l.Line > 0:
		return fmt.Sprintf("%s:%s:%d", l.Image, l.Path, l.Line)
	case l.InImage() && l.Path != "":
		return l.Image + ":" + l.Path
	case l.InImage():
		return l.Image
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return l.File
}

// PeerIDs are the peer rule IDs the finding answers to: its own Aliases
// for a rule with AliasesPerFinding, else all of its rule's aliases.
func (f *Finding) PeerIDs() []string {
	if f.Rule != nil && f.Rule.AliasesPerFinding {
		return f.Aliases
	}
	if f.Rule == nil {
		return nil
	}
	return f.Rule.Aliases
}

// Matches reports whether key names this finding: its rule's ID or name,
// or one of its PeerIDs.
func (f *Finding) Matches(key string) bool {
	if f.Rule == nil {
		return false
	}
	if !f.Rule.AliasesPerFinding {
		return f.Rule.Matches(key)
	}
	if f.Rule.IsNamed(key) {
		return true
	}
	k := normalizeKey(key)
	for _, a := range f.Aliases {
		if k == normalizeKey(a) {
			return true
		}
	}
	return false
}
