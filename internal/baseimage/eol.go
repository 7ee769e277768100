package baseimage

import (
	"strconv"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/lazyre"
)

// Products, as Entry.Product.
const (
	Debian = "debian"
	Ubuntu = "ubuntu"
	Alpine = "alpine"
	CentOS = "centos"
	Python = "python"
	Node   = "node"
	Ruby   = "ruby"
	PHP    = "php"
	Go     = "go"
)

// Entry is one release of a product and the end of its support.
type Entry struct {
	Product string
	// Cycle is the release as the project numbers it ("10", "18.04",
	// "3.12", "3.7", "14", "stream8").
	Cycle string
	// Codename is the name image tags use for the release, where there is
	// one ("buster", "bionic", "fermium").
	Codename string
	// End is the last day of support: for Debian the end of Debian LTS,
	// for Ubuntu the end of standard support, otherwise the project's end
	// of life.
	End time.Time
	// RegularEnd is, for Debian, the end of the security team's regular
	// support, before LTS; zero otherwise.
	RegularEnd time.Time
	// Source says where the dates come from.
	Source string
}

// Status is a release an image reference names, judged on a day.
type Status struct {
	Entry
	// Past reports that support had ended on the day asked about: from the
	// day after End.
	Past bool
}

// Table returns the end-of-support table, for listings and checks.
func Table() []Entry { return append([]Entry(nil), table...) }

// Lookup names the releases an image reference is built on — the
// operating system, and for the official language images the runtime —
// and whether their support had ended on asOf: python:3.7-slim-buster is
// Python 3.7 and Debian 10; node:14-alpine is Node.js 14 (the tag does not
// say which Alpine); debian:stretch, ubuntu:18.04, alpine:3.12, centos:7
// name their release. A release the table does not hold, a tag that is
// an unresolved variable, or a reference that does not parse gives
// nothing.
func Lookup(imageRef string, asOf time.Time) []Status {
	ref, err := ParseRef(imageRef)
	if err != nil {
		return nil
	}
	var found []Status
	seen := map[string]bool{}
	add := func(e *Entry) {
		if e == nil || seen[e.Product+"\x00"+e.Cycle] {
			return
		}
		seen[e.Product+"\x00"+e.Cycle] = true
		found = append(found, Status{Entry: *e, Past: pastEnd(e.End, asOf)})
	}
	tokens := tagTokens(ref.Tag)
	name, official := ref.Official()
	if !official {
		if ref.Registry == "quay.io" && ref.Path == "centos/centos" && len(tokens) > 0 {
			add(centosRelease(tokens[0]))
		}
		return found
	}
	if len(tokens) > 0 {
		switch name {
		case "debian":
			add(debianRelease(tokens[0]))
		case "ubuntu":
			add(ubuntuRelease(tokens[0]))
		case "alpine":
			add(find(Alpine, minorCycle(tokens[0], 2)))
		case "centos":
			add(centosRelease(tokens[0]))
		case "python":
			add(find(Python, minorCycle(tokens[0], 2)))
		case "ruby":
			add(find(Ruby, minorCycle(tokens[0], 2)))
		case "php":
			add(find(PHP, minorCycle(tokens[0], 2)))
		case "golang":
			add(find(Go, minorCycle(tokens[0], 2)))
		case "node":
			add(nodeRelease(tokens[0]))
		}
	}
	// Official images name the distribution they are built on in the tag:
	// python:3.7-slim-buster, eclipse-temurin:17-jdk-focal, ruby:2.7-alpine3.16.
	for _, t := range tokens {
		if strings.HasPrefix(t, "alpine") {
			add(find(Alpine, minorCycle(strings.TrimPrefix(t, "alpine"), 2)))
			continue
		}
		add(findCodename(Debian, t))
		add(findCodename(Ubuntu, t))
	}
	return found
}

// pastEnd reports whether asOf falls after the day end (both read in UTC).
func pastEnd(end, asOf time.Time) bool {
	y, m, d := asOf.UTC().Date()
	return day(y, m, d).After(end)
}

// day is a date at midnight UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// version matches a release number at the start of a tag token.
var version = lazyre.New(`^v?(\d+)(?:\.(\d+))?(?:\.\d+)*$`)

// minorCycle reduces a version token to its first parts ("3.7.17" → "3.7"
// for parts 2, "14.21.3" → "14" for parts 1); "" when the token is no
// version (a codename, "latest", a variable).
func minorCycle(token string, parts int) string {
	m := version().FindStringSubmatch(token)
	if m == nil || (parts == 2 && m[2] == "") {
		return ""
	}
	if parts == 1 {
		return m[1]
	}
	return m[1] + "." + m[2]
}

// first is the first entry of product that match accepts, or nil.
func first(product string, match func(*Entry) bool) *Entry {
	for i := range table {
		if table[i].Product == product && match(&table[i]) {
			return &table[i]
		}
	}
	return nil
}

// find is the entry of a product's cycle, or nil.
func find(product, cycle string) *Entry {
	if cycle == "" {
		return nil
	}
	return first(product, func(e *Entry) bool { return e.Cycle == cycle })
}

// findCodename is the entry whose codename the token is, or nil.
func findCodename(product, token string) *Entry {
	if token == "" {
		return nil
	}
	return first(product, func(e *Entry) bool { return e.Codename == token })
}

// debianRelease reads debian image tags: a codename (stretch, buster-slim
// after splitting) or a version (9, 9.13, 6.0.10).
func debianRelease(token string) *Entry {
	if e := findCodename(Debian, token); e != nil {
		return e
	}
	major := minorCycle(token, 1)
	if major == "" {
		return nil
	}
	return first(Debian, func(e *Entry) bool { return strings.SplitN(e.Cycle, ".", 2)[0] == major })
}

// ubuntuRelease reads ubuntu image tags: a codename or 18.04(.6).
func ubuntuRelease(token string) *Entry {
	if e := findCodename(Ubuntu, token); e != nil {
		return e
	}
	m := version().FindStringSubmatch(token)
	if m == nil || m[2] == "" {
		return nil
	}
	return find(Ubuntu, m[1]+"."+m[2])
}

// centosRelease reads centos image tags: 7, centos7, 7.9.2009,
// centos7.9.2009, stream8.
func centosRelease(token string) *Entry {
	if strings.HasPrefix(token, "stream") {
		return find(CentOS, token)
	}
	return find(CentOS, minorCycle(strings.TrimPrefix(token, "centos"), 1))
}

// nodeRelease reads node image tags: 14, 14.21.3, 0.12, or an LTS
// codename (fermium).
func nodeRelease(token string) *Entry {
	if e := findCodename(Node, token); e != nil {
		return e
	}
	if strings.HasPrefix(token, "0.") {
		return find(Node, minorCycle(token, 2))
	}
	return find(Node, minorCycle(token, 1))
}

// productNames are the products as messages name them.
var productNames = map[string]string{
	Debian: "Debian", Ubuntu: "Ubuntu", Alpine: "Alpine", CentOS: "CentOS", Python: "Python",
	Node: "Node.js", Ruby: "Ruby", PHP: "PHP", Go: "Go",
}

// ProductName is a product as messages name it ("Node.js" for node).
func ProductName(product string) string { return productNames[product] }

// Name is the release as a reader knows it: "Debian 10 (buster)",
// "Ubuntu 18.04 (bionic)", "Node.js 14", "CentOS Stream 8".
func (e Entry) Name() string {
	name := productNames[e.Product]
	cycle := e.Cycle
	if s, ok := strings.CutPrefix(cycle, "stream"); ok {
		name, cycle = name+" Stream", s
	}
	if e.Codename != "" && (e.Product == Debian || e.Product == Ubuntu) {
		return name + " " + cycle + " (" + e.Codename + ")"
	}
	return name + " " + cycle
}

// Ended says how its support ended, for "Debian 10 (buster) left Debian
// LTS on 2024-06-30": "left Debian LTS" for Debian, "left standard
// support" for Ubuntu, "reached end of life" otherwise.
func (e Entry) Ended() string {
	switch e.Product {
	case Debian:
		return "left Debian LTS"
	case Ubuntu:
		return "left standard support"
	}
	return "reached end of life"
}

// ShortSource is the first part of Source, fit for a one-line message: a
// URL or a package name, without the notes that follow it.
func (e Entry) ShortSource() string {
	s := e.Source
	for _, sep := range []string{" (", ", ", ": ", "; "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// Successor is the release of product to move to on asOf: the newest in
// the table still supported on that day, an LTS line where the project
// has them (Ubuntu's even-year .04 releases, Node.js's even majors).
// False when the table holds none (CentOS Linux, which has no successor
// of its own name; Go, whose newest releases the table lacks). The table
// holds no release days, so for a day long past the advice may name a
// release that came later.
func Successor(product string, asOf time.Time) (Entry, bool) {
	for i := len(table) - 1; i >= 0; i-- {
		e := table[i]
		if e.Product != product || pastEnd(e.End, asOf) || !ltsLine(e) {
			continue
		}
		return e, true
	}
	return Entry{}, false
}

// ltsLine reports whether e is a release a project supports long term, or
// a product without such lines.
func ltsLine(e Entry) bool {
	switch e.Product {
	case Ubuntu:
		y, _, _ := strings.Cut(e.Cycle, ".")
		n, err := strconv.Atoi(y)
		return err == nil && n%2 == 0 && strings.HasSuffix(e.Cycle, ".04")
	case Node:
		n, err := strconv.Atoi(e.Cycle)
		return err == nil && n%2 == 0
	case CentOS:
		return false
	}
	return true
}
