package baseimage

import (
	"bufio"
	"bytes"
	"strings"
	"time"
)

// maxOSRelease bounds the os-release text read; real ones are under 1 KiB,
// and an image's layers are untrusted input.
const maxOSRelease = 16 << 10

// OSRelease is what an os-release file (os-release(5)) says of the
// operating system an image was built on.
type OSRelease struct {
	// ID, VersionID, VersionCodename and Name are the file's ID,
	// VERSION_ID, VERSION_CODENAME and NAME, unquoted.
	ID, VersionID, VersionCodename, Name string
}

// ParseOSRelease reads the KEY=VALUE lines of an os-release file, values
// quoted or not; lines it does not understand are skipped, as systemd
// does. Only the first 16 KiB are read.
func ParseOSRelease(content []byte) OSRelease {
	if len(content) > maxOSRelease {
		content = content[:maxOSRelease]
	}
	var r OSRelease
	sc := bufio.NewScanner(bytes.NewReader(content))
	sc.Buffer(make([]byte, 0, 1024), maxOSRelease+1)
	for sc.Scan() {
		key, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		// The keys read here hold names and version numbers, which need no
		// shell unescaping: the quotes are stripped.
		if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
			val = val[1 : len(val)-1]
		}
		switch key {
		case "ID":
			r.ID = strings.ToLower(val)
		case "VERSION_ID":
			r.VersionID = val
		case "VERSION_CODENAME":
			r.VersionCodename = strings.ToLower(val)
		case "NAME":
			r.Name = val
		}
	}
	return r
}

// LookupOSRelease is Lookup for an image's own os-release: the release
// of Debian, Ubuntu, Alpine or CentOS it names, judged on asOf; false
// when the file names another system or a release the table does not
// hold (Debian testing, Alpine edge).
func LookupOSRelease(content []byte, asOf time.Time) (Status, bool) {
	r := ParseOSRelease(content)
	var e *Entry
	switch r.ID {
	case "debian":
		if e = debianRelease(r.VersionID); e == nil {
			e = findCodename(Debian, r.VersionCodename)
		}
	case "ubuntu":
		if e = ubuntuRelease(r.VersionID); e == nil {
			e = findCodename(Ubuntu, r.VersionCodename)
		}
	case "alpine":
		e = find(Alpine, minorCycle(r.VersionID, 2))
	case "centos":
		if strings.Contains(strings.ToLower(r.Name), "stream") {
			e = find(CentOS, "stream"+minorCycle(r.VersionID, 1))
		} else {
			e = find(CentOS, minorCycle(r.VersionID, 1))
		}
	}
	if e == nil {
		return Status{}, false
	}
	return Status{Entry: *e, Past: pastEnd(e.End, asOf)}, true
}
