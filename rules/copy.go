package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/patternmatcher"
)

// COPY and ADD paths (DKS10xx) and EXPOSE syntax.

// copyArgs returns a COPY's or ADD's keyword, sources and destination,
// expanded with the instruction's scope (quotes removed); ok is false for
// other instructions.
func copyArgs(in dockerfile.Instruction) (kw string, srcs []string, dest string, ok bool) {
	switch x := in.(type) {
	case *dockerfile.Copy:
		kw, srcs, dest = "COPY", x.Cmd.SourcePaths, x.Cmd.DestPath
	case *dockerfile.Add:
		kw, srcs, dest = "ADD", x.Cmd.SourcePaths, x.Cmd.DestPath
	default:
		return "", nil, "", false
	}
	out := make([]string, len(srcs))
	for i, s := range srcs {
		out[i] = scopeExpand(in, s)
	}
	return kw, out, scopeExpand(in, dest), true
}

// scopeExpand expands a word with the instruction's scope; variables with no
// known value expand to nothing, as in BuildKit.
func scopeExpand(in dockerfile.Instruction, w string) string {
	if in.Scope() == nil {
		return w
	}
	return in.Scope().Expand(w).Value
}

// CopyIgnoredFile: COPY or ADD of a path .dockerignore excludes.
var CopyIgnoredFile = &Rule{
	ID:       "DKS1024",
	Name:     "copy-ignored-file",
	Title:    "COPY or ADD of a file excluded by .dockerignore",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"CopyIgnoredFile"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy, dockerfile.KindAdd}, Check: func(p *Pass, in dockerfile.Instruction) {
		if p.Dockerignore == nil || len(p.Dockerignore.Patterns) == 0 || in.Parent() != nil {
			return
		}
		if c, ok := in.(*dockerfile.Copy); ok && c.Cmd.From != "" {
			return
		}
		m, err := patternmatcher.New(p.Dockerignore.Patterns)
		if err != nil || m.Exclusions() {
			return
		}
		kw, srcs, _, _ := copyArgs(in)
		verb := "Copy"
		if kw == "ADD" {
			verb = "Add"
		}
		for _, src := range srcs {
			if strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
				continue
			}
			src = path.Clean(strings.ReplaceAll(src, `\`, "/"))
			if (src == "." || src == "/") && !rootIgnored(m) {
				continue
			}
			if hit, err := m.MatchesOrParentMatches(src); err == nil && hit {
				p.Reportf(in.Range(), "Attempting to %s file %q that is excluded by .dockerignore", verb, src)
			}
		}
	}}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "Files excluded by .dockerignore are not sent to the builder, so a COPY of one fails, " +
			"or with a wildcard silently copies less than the author expects. Usually one of the two " +
			"files is wrong: either the .dockerignore hides something the image needs, or the COPY " +
			"reaches for something that was deliberately kept out (a secret, a local config). " +
			"As in BuildKit, a .dockerignore with `!` exceptions is not judged.",
		Impact: "Build fails or ships without files it needs",
		Fix:    "Copy only what the context provides, or adjust .dockerignore if the file is meant to be in the image.",
		Bad:    Dockerfiles("FROM alpine:3.20\nCOPY config/local.env /etc/app.env\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nCOPY config/app.yaml /etc/app.yaml\n"),
		Refs:   []string{buildKitDoc("copy-ignored-file")},
		// The examples are linted with this .dockerignore beside them.
		Dockerignore: "**/*.env\n",
	},
}

// rootIgnored reports whether the patterns exclude every entry of the
// context root, the only case in which copying "." is reported.
func rootIgnored(m *patternmatcher.PatternMatcher) bool {
	for _, p := range m.Patterns() {
		if p.Exclusion() {
			continue
		}
		switch p.String() {
		case "*", "**", "**/*":
			return true
		}
	}
	return false
}

// CopyMultiSourceDestNotDir: several sources into a destination without a
// trailing slash.
var CopyMultiSourceDestNotDir = &Rule{
	ID:       "DKS1025",
	Name:     "copy-multi-source-dest-not-dir",
	Title:    "COPY of several sources to a destination without a trailing /",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DL3021", "DS-0011"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy, dockerfile.KindAdd}, Check: func(p *Pass, in dockerfile.Instruction) {
		kw, srcs, dest, _ := copyArgs(in)
		n := len(srcs)
		switch x := in.(type) {
		case *dockerfile.Copy:
			n += len(x.Cmd.SourceContents)
		case *dockerfile.Add:
			n += len(x.Cmd.SourceContents)
		}
		if n < 2 || strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, `\`) || historyCopy(srcs) {
			return
		}
		p.Reportf(in.Range(), "%s with %d sources needs a destination directory ending in /, not %q", kw, n, dest)
	}}},
	Threat: hygiene(),
	Doc: Doc{
		Rationale: "With more than one source, the destination must be a directory and must end with `/`; " +
			"the builder refuses the instruction otherwise.",
		Impact: "Dockerfile does not build",
		Fix:    "End the destination with a slash: `COPY package.json yarn.lock /app/`.",
		Bad:    Dockerfiles("FROM node:22\nCOPY package.json yarn.lock /app\n"),
		Good:   Dockerfiles("FROM node:22\nCOPY package.json yarn.lock /app/\n"),
		Refs:   []string{hadolintDoc("DL3021")},
	},
}

// historyCopy recognises the `COPY file:<digest> in <dest>` form image
// history records (and Dockerfiles rebuilt from history repeat): one
// source, not two.
func historyCopy(srcs []string) bool {
	return len(srcs) == 2 && srcs[1] == "in" && (strings.HasPrefix(srcs[0], "file:") || strings.HasPrefix(srcs[0], "multi:") || strings.HasPrefix(srcs[0], "dir:"))
}

// CopyRelativeDestWithoutWorkdir: COPY to a relative destination before any WORKDIR.
var CopyRelativeDestWithoutWorkdir = &Rule{
	ID:       "DKS1026",
	Name:     "copy-relative-dest-without-workdir",
	Title:    "COPY to a relative destination with no WORKDIR set",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3045"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "A relative COPY destination is resolved against the working directory, which, before " +
			"any WORKDIR in the stage, is whatever the base image set (often `/`). Files end up " +
			"somewhere that changes when the base image does.",
		Impact: "Files land in a directory the base image decides",
		Fix:    "Set `WORKDIR /app` first, or copy to an absolute path.",
		Bad:    Dockerfiles("FROM node:22\nCOPY package.json app/\n"),
		Good:   Dockerfiles("FROM node:22\nWORKDIR /app\nCOPY package.json ./\n", "FROM node:22\nCOPY package.json /app/\n"),
		Refs:   []string{hadolintDoc("DL3045")},
	},
	Checks: []Check{FileCheck{Check: func(p *Pass, f *dockerfile.File) {
		// set: a WORKDIR applies at this build; onbuildSet: one applies when
		// ONBUILD triggers run in a child build.
		set := map[*dockerfile.Stage]bool{}
		for _, s := range f.Stages {
			wd := s.Parent != nil && set[s.Parent]
			onbuildWD := wd
			check := func(in dockerfile.Instruction, haveWD bool) {
				c, ok := in.(*dockerfile.Copy)
				if !ok || haveWD {
					return
				}
				raw := c.Cmd.DestPath
				if strings.Contains(raw, "$") {
					return
				}
				_, _, dest, _ := copyArgs(in)
				if dest == "" || isAbsPath(dest) || isAbsPath(strings.Trim(raw, `"'`)) {
					return
				}
				p.Reportf(in.Range(), "COPY to relative destination %q with no WORKDIR set; it resolves against the base image's working directory", dest)
			}
			for _, in := range s.Instructions {
				switch x := in.(type) {
				case *dockerfile.Workdir:
					wd, onbuildWD = true, true
				case *dockerfile.Onbuild:
					if x.Inner == nil {
						continue
					}
					if x.Inner.Kind() == dockerfile.KindWorkdir {
						onbuildWD = true
					}
					check(x.Inner, onbuildWD)
				default:
					check(in, wd)
				}
			}
			set[s] = wd
		}
	}}},
}

// ExposeProtocolCasing: EXPOSE 80/TCP.
var ExposeProtocolCasing = &Rule{
	ID:       "DKS1027",
	Name:     "expose-protocol-casing",
	Title:    "EXPOSE protocol is not lowercase",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"ExposeProtoCasing"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "Protocols in EXPOSE are case-insensitive to the builder but recorded as written " +
			"elsewhere; lowercase `tcp`/`udp` is the convention every tool expects.",
		Impact: "Inconsistent port metadata",
		Fix:    "Write the protocol in lowercase: `EXPOSE 8080/tcp`.",
		Bad:    Dockerfiles("FROM nginx:1.27\nEXPOSE 80/TCP\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nEXPOSE 80/tcp\n"),
		Refs:   []string{buildKitDoc("expose-proto-casing")},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, raw := range exposePorts(in) {
			_, _, container := splitPortParts(raw)
			if _, proto, ok := strings.Cut(container, "/"); ok && proto != strings.ToLower(proto) {
				p.Reportf(in.Range(), "Defined protocol '%s' in EXPOSE instruction should be lowercase", raw)
			}
		}
	}}},
}

// ExposeHostMapping: EXPOSE with an IP address or host port.
var ExposeHostMapping = &Rule{
	ID:       "DKS1028",
	Name:     "expose-host-mapping",
	Title:    "EXPOSE defines an IP address or host port",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"ExposeInvalidFormat"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_SC7},
	},
	Doc: Doc{
		Rationale: "EXPOSE documents container ports; it cannot publish them. `EXPOSE 127.0.0.1:80:80` " +
			"or `EXPOSE 8080:80` looks like a host binding, so readers believe a port is restricted " +
			"to localhost or mapped when it is not; the builder drops the IP and host part (and will " +
			"refuse them in a future release).",
		Impact: "Port exposure misread in review",
		Fix:    "EXPOSE only the container port (`EXPOSE 80`) and publish with `docker run -p 127.0.0.1:8080:80` or the orchestrator.",
		Bad:    Dockerfiles("FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nEXPOSE 80\n"),
		Refs:   []string{buildKitDoc("expose-invalid-format")},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, raw := range exposePorts(in) {
			if ip, host, _ := splitPortParts(raw); ip != "" || host != "" {
				p.Reportf(in.Range(), "EXPOSE instruction should not define an IP address or host-port mapping, found '%s'", raw)
			}
		}
	}}},
}

// exposePorts returns an EXPOSE's port specs, variables expanded and split
// into words as BuildKit does.
func exposePorts(in dockerfile.Instruction) []string {
	if in.Parent() != nil {
		return nil
	}
	var out []string
	for _, p := range in.(*dockerfile.Expose).Cmd.Ports {
		out = append(out, strings.Fields(scopeExpand(in, p))...)
	}
	return out
}

// splitPortParts splits [ip:][hostPort:]containerPort[/proto] as BuildKit
// does; an IPv6 address may contain colons.
func splitPortParts(raw string) (ip, host, container string) {
	parts := strings.Split(raw, ":")
	switch n := len(parts); n {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	case 3:
		return parts[0], parts[1], parts[2]
	default:
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
}

// baseName is the last element of a Linux or Windows path.
func baseName(p string) string {
	p = strings.Trim(p, `"'`)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// CopiedArchiveExtracted: COPY of an archive that a later RUN extracts.
var CopiedArchiveExtracted = &Rule{
	ID:       "DKS1033",
	Name:     "copied-archive-extracted",
	Title:    "Archive COPYed into the image, then extracted by RUN",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3010"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "COPY puts the archive in a layer and the RUN that extracts it adds the contents in " +
			"another, so the image carries both, even if the RUN deletes the archive. ADD extracts a " +
			"local tar archive in one step, and a bind mount (`RUN --mount=type=bind,source=app.tar,…`) " +
			"extracts it without ever storing it.",
		Impact: "Image keeps the archive and its contents",
		Fix:    "`ADD app.tar /opt/app/`, or `RUN --mount=type=bind,source=app.tar,target=/tmp/app.tar tar -xf /tmp/app.tar -C /opt/app`.",
		Bad:    Dockerfiles("FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -xf /tmp/app.tar -C /opt\n"),
		Good:   Dockerfiles("FROM debian:12\nADD app.tar /opt/\n"),
		Refs:   []string{hadolintDoc("DL3010")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		copied := map[string]int{} // archive file name → COPY line
		for _, in := range s.Instructions {
			switch x := in.(type) {
			case *dockerfile.Copy:
				if x.Cmd.From != "" || in.Parent() != nil {
					continue
				}
				for _, src := range x.Cmd.SourcePaths {
					if isArchive(src) {
						copied[baseName(src)] = in.Range().StartLine
					}
				}
				if dest := baseName(x.Cmd.DestPath); isArchive(dest) {
					copied[dest] = in.Range().StartLine
				}
			case *dockerfile.Run:
				for _, c := range runScript(in).Find("tar") {
					if !tarExtracts(c) {
						continue
					}
					for _, a := range c.Args {
						if line, ok := copied[baseName(a)]; ok && !strings.HasPrefix(a, "-") {
							p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "tar extracts %s, copied at line %d; ADD or a bind mount would not keep the archive in a layer", baseName(a), line)
						}
					}
				}
			}
		}
	}}},
}
