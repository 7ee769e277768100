package rules

import (
	"archive/tar"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/baseimage"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BaseImageEndOfLife: FROM names a release (of the distribution, or of
// the language runtime an official image ships) whose support had ended
// on the day judged; `dockstride image` reads the built image's own
// /etc/os-release.
var BaseImageEndOfLife = &Rule{
	ID:       "DKS2009",
	Name:     "base-image-end-of-life",
	Title:    "Base image past its end of support",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1190},
		CIS:      []*t.CISItem{t.CIS4_4},
		CWE:      []*t.CWE{t.CWE1104},
		Controls: []*t.Control{t.Top10_A06, t.NIST53_SI2, t.NIST53_RA5, t.NIST190_4_1_1},
	},
	Doc: Doc{
		Vulnerability: "Base image past its end of support",
		Mitigation:    "Move the base image to a release that still gets security fixes.",

		Rationale: "Once a release is past its end of support, its maintainers publish no more security " +
			"fixes: every vulnerability found afterwards in its C library, OpenSSL, interpreter or standard " +
			"library stays open in every image built on it, and rebuilding the image changes nothing. " +
			"Scanners then report a growing list of fixes that will never come. The rule judges the " +
			"releases a FROM names: the distribution (`debian:buster`, `ubuntu:18.04`, `alpine:3.12`, " +
			"`centos:7`, or the one an official image's tag names, as in `python:3.12-slim-buster`) and " +
			"the runtime of the official language images (`python`, `node`, `ruby`, `php`, `golang`), " +
			"against an offline table of end dates taken from each project's own schedule (Debian's end " +
			"of LTS, Ubuntu's end of standard support, Alpine's end of the main repository, the Python " +
			"devguide, the Node.js release schedule, php.net, ruby-lang.org, Go's release policy); every " +
			"finding names the end date and its source.\n\n" +
			"Findings are judged on the day the table was last checked (shown in each message), not on " +
			"the day of the run, so the same Dockerfile gives the same findings until dockstride is " +
			"updated; `--eol-date YYYY-MM-DD` (or `today`, config `eol-date`) judges another day. A tag " +
			"that names no release (`latest`, a digest alone, a variable with no default) gives no " +
			"finding, nor does a release the table does not hold. `dockstride image` reads the built " +
			"image's `/etc/os-release` instead: what was actually built.",
		Impact: "Known vulnerabilities that will never be fixed",
		Fix: "Move to a release that is still supported, as the message suggests (`debian:bookworm-slim`, " +
			"`python:3.13-slim-bookworm`, `node:24-alpine`, `ubuntu:24.04`), rebuild and test; for CentOS " +
			"Linux, move to a maintained RHEL rebuild (AlmaLinux, Rocky Linux) or UBI. Where an upgrade " +
			"must wait, a vendor's paid extended support (Ubuntu Pro, Freexian's ELTS) is the other way to " +
			"get fixes: suppress the finding with a reason saying so.",
		SeverityNote: "A warning, not an error: an unsupported base is a growing risk rather than an exploit " +
			"as shipped. Reported as info when the stage does not ship (a builder whose files are copied " +
			"out), except for a Go toolchain whose stage feeds the shipped one: the binaries it builds " +
			"carry its standard library. A release named by a build argument's default (`ARG " +
			"GO_VERSION=1.21`, then `FROM golang:${GO_VERSION}`) is judged like a literal one: it is " +
			"what `docker build` builds unless told otherwise.",
		Bad: append(Dockerfiles(
			"FROM python:3.7-slim-buster\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
			"FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
			"FROM golang:1.19 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n",
		), Images(
			"-- config.json --\n{\"config\": {\"Cmd\": [\"/app\"]}}\n-- layer0/etc/os-release --\nPRETTY_NAME=\"Debian GNU/Linux 10 (buster)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"10\"\nVERSION_CODENAME=buster\nID=debian\n",
		)...),
		Good: append(Dockerfiles(
			"FROM python:3.13-slim-bookworm\n",
			"FROM node:24-alpine\n",
			"ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n",
			"FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
			"FROM scratch\nCOPY app /app\n",
		), Images(
			"-- config.json --\n{\"config\": {\"Cmd\": [\"/app\"]}}\n-- layer0/usr/lib/os-release --\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n-- layer0/etc/os-release link=../usr/lib/os-release --\n",
		)...),
		Refs: []string{
			"https://wiki.debian.org/LTS", "https://ubuntu.com/about/release-cycle", "https://alpinelinux.org/releases/",
			"https://devguide.python.org/versions/", "https://github.com/nodejs/Release#release-schedule",
			"https://cwe.mitre.org/data/definitions/1104.html",
		},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindFrom}, Check: checkBaseImageEndOfLife},
		// LiveOnly: a later layer that replaces os-release (a distribution
		// upgraded in place) is what the container runs.
		LayerFileCheck{Want: wantOSRelease, Check: checkBaseImageEndOfLifeLayer, LiveOnly: true},
	},
}

// eolDate is the day end of support is judged on: --eol-date, else the
// day the table was checked.
func eolDate(s *Settings) time.Time {
	if s != nil && !s.EOLDate.IsZero() {
		return s.EOLDate
	}
	return baseimage.AsOf
}

func checkBaseImageEndOfLife(p *Pass, in dockerfile.Instruction) {
	f := in.(*dockerfile.From)
	if f.BaseStage != nil || f.IsScratch() || mayNameStage(p.File, f) {
		return
	}
	img, _ := baseImage(p.File, f)
	if img == "" {
		return
	}
	asOf := eolDate(p.Settings)
	// What the FROM names as written, variables read as wildcards, is
	// certain; what only a build argument's default names is what `docker
	// build` builds unless told otherwise: judged alike (a default such as
	// GO_VERSION=1.21 is how most projects pin their toolchain), and the
	// message says where the release comes from.
	written := map[string]bool{}
	for _, st := range baseimage.Lookup(varRefRE().ReplaceAllString(f.Image, "_"), asOf) {
		written[st.Product+" "+st.Cycle] = true
	}
	var past []baseimage.Status
	fromDefault := false
	for _, st := range baseimage.Lookup(img, asOf) {
		if st.Past {
			past = append(past, st)
			fromDefault = fromDefault || !written[st.Product+" "+st.Cycle]
		}
	}
	if len(past) == 0 {
		return
	}
	sev, why := Warning, ""
	switch st := f.Stage(); {
	case p.ShipsLayers(st):
	case goPast(past) && feedsShipped(p, st):
		why = "; the binaries this stage builds carry its Go standard library"
	default:
		sev, why = Info, "; this stage does not ship, only what is copied out of it"
	}
	if fromDefault {
		why += "; the release comes from a build argument's default (--build-arg may name another)"
	}
	p.ReportAtf(sev, in.Range(), nil, "base image %s is past its end of support as of %s: %s%s; %s",
		img, asOf.Format(time.DateOnly), endedList(past), why, successorAdvice(past, asOf))
}

// goPast reports whether one of the releases is a Go toolchain.
func goPast(sts []baseimage.Status) bool {
	for _, st := range sts {
		if st.Product == baseimage.Go {
			return true
		}
	}
	return false
}

// feedsShipped reports whether files of stage s reach the shipped image:
// a stage whose layers ship, or one of their stages, copies from s
// (COPY --from=s), directly or through other stages.
func feedsShipped(p *Pass, s *dockerfile.Stage) bool {
	feeding := map[*dockerfile.Stage]bool{}
	for c := p.ShipStage(); c != nil && !feeding[c]; c = c.Parent {
		feeding[c] = true
	}
	for changed := true; changed; {
		changed = false
		for _, in := range p.File.Instructions {
			c, ok := in.(*dockerfile.Copy)
			if !ok || c.Cmd == nil || c.Cmd.From == "" || !feeding[in.Stage()] {
				continue
			}
			src := p.File.StageByName(c.Cmd.From)
			if n, err := strconv.Atoi(c.Cmd.From); err == nil && n >= 0 && n < len(p.File.Stages) {
				src = p.File.Stages[n]
			}
			for ; src != nil && !feeding[src]; src = src.Parent {
				feeding[src], changed = true, true
			}
		}
	}
	return feeding[s]
}

// endedList names each release, when its support ended and where that
// date comes from: "Python 3.7 reached end of life on 2023-06-27
// (https://devguide.python.org/versions/), Debian 10 (buster) left
// Debian LTS on 2024-06-30 (distro-info-data 0.58+deb12u6)".
func endedList(sts []baseimage.Status) string {
	parts := make([]string, len(sts))
	for i, st := range sts {
		parts[i] = fmt.Sprintf("%s %s on %s (%s)", st.Name(), st.Ended(), st.End.Format(time.DateOnly), st.ShortSource())
	}
	return strings.Join(parts, ", ")
}

// successorAdvice says what to move to: the newest supported release the
// table knows of each product, or what replaces a product that has none.
func successorAdvice(sts []baseimage.Status, asOf time.Time) string {
	var to []string
	for _, st := range sts {
		if next, ok := baseimage.Successor(st.Product, asOf); ok {
			to = append(to, next.Name())
			continue
		}
		switch st.Product {
		case baseimage.CentOS:
			to = append(to, "AlmaLinux, Rocky Linux or UBI (CentOS Linux has no successor of its own)")
		case baseimage.Go:
			to = append(to, "the newest Go release")
		default:
			to = append(to, "a supported "+baseimage.ProductName(st.Product)+" release")
		}
	}
	return "move to a supported release such as " + strings.Join(to, " and ")
}

// osReleasePaths are where os-release(5) lives; /etc/os-release is
// usually a link to the other.
var osReleasePaths = map[string]bool{"/etc/os-release": true, "/usr/lib/os-release": true}

func wantOSRelease(path string, _ *tar.Header) bool { return osReleasePaths[path] }

// checkBaseImageEndOfLifeLayer judges the operating system the image was
// built on, from its own os-release: one finding per release and layer
// (both paths are often regular files with the same text).
func checkBaseImageEndOfLifeLayer(p *ImagePass, f *image.Entry) {
	if !f.IsRegular() || !osReleasePaths[f.Path] {
		return
	}
	asOf := eolDate(p.Settings)
	st, ok := baseimage.LookupOSRelease(f.Content, asOf)
	if !ok || !st.Past || p.Seen(f.LayerDigest+" "+st.Product+" "+st.Cycle) {
		return
	}
	p.ReportFilef(f, "the image is built on %s, past its end of support as of %s: it %s on %s (%s); %s",
		st.Name(), asOf.Format(time.DateOnly), st.Ended(), st.End.Format(time.DateOnly), st.ShortSource(),
		successorAdvice([]baseimage.Status{st}, asOf))
}
