package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/patternmatcher"
)

// BuildContextUnfiltered: the whole build context is copied into the image
// with no .dockerignore keeping .git and .env out.
var BuildContextUnfiltered = &Rule{
	ID:       "DKS5004",
	Name:     "build-context-unfiltered",
	Title:    "Whole build context copied without a .dockerignore for secrets",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DKL-LI-0003"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1552_001},
		CIS:      []*t.CISItem{t.CIS4_10},
		CWE:      []*t.CWE{t.CWE552, t.CWE538, t.CWE200},
		Controls: []*t.Control{t.NIST53_CM7, t.ASVS_V14, t.NIST190_4_1_4},
	},
	Doc: Doc{
		Vulnerability: "Unfiltered build context",
		Mitigation:    "Add a .dockerignore that excludes .git and .env files.",

		Rationale: "`COPY . .` copies everything in the build context: on a developer's machine or a CI " +
			"checkout that includes `.git` (the whole history, with every secret ever committed and the " +
			"remote's URL and credentials), `.env` files, local keys and caches. Without a `.dockerignore` " +
			"excluding them they ship in the image, readable by anyone who pulls it. The rule reads the " +
			"`.dockerignore` BuildKit would use (`<Dockerfile>.dockerignore`, then the context's) and looks at " +
			"the stage that ships and the stages it is built FROM; a builder stage whose output is copied " +
			"selectively is fine. It warns only about what the build context holds now: a `.git`, `.env` file or " +
			"private key (`*.pem`, `*.key`, `id_rsa`…) at its top level that no `.dockerignore` excludes. When " +
			"the context holds none of them (or only the Dockerfile was linted), the missing filter is reported " +
			"at info: nothing keeps such a file out once one appears. In a built image it reports the .git, .svn, .hg and .bzr directories and " +
			"editor settings (.idea, .vscode) such a copy leaves in the layers.",
		Impact: "Source history and local secrets shipped in the image",
		Fix: "Add a `.dockerignore` beside the Dockerfile that excludes at least `.git` and `.env*` (and keys, " +
			"`node_modules`, build output), or better an allow-list (`*` then `!src/`, `!package.json`), or copy " +
			"only the directories the image needs.",
		Bad:  Dockerfiles("FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"),
		Good: Dockerfiles("FROM node:22-slim\nWORKDIR /app\nCOPY package.json server.js ./\nCOPY src/ src/\n", "FROM golang:1.23 AS build\nCOPY . /src\nRUN cd /src && go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n"),
		Refs: []string{"https://docs.docker.com/build/concepts/context/#dockerignore-files"},
	},
	Checks: []Check{
		StageCheck{Check: checkBuildContextUnfilteredStage},
		LayerFileCheck{Check: checkBuildContextUnfilteredLayer},
	},
}

func checkBuildContextUnfilteredStage(p *Pass, s *dockerfile.Stage) {
	if !p.ShipsLayers(s) || !contextKnown(p) {
		return
	}
	var patterns []string
	if p.Dockerignore != nil {
		patterns = p.Dockerignore.Patterns
	}
	leaks := notIgnored(patterns, p.ContextSecrets)
	missing := notIgnored(patterns, contextProbes)
	if len(leaks) == 0 && len(missing) == 0 {
		return
	}
	for _, in := range s.Instructions {
		kw, src := wholeContextSource(in)
		if kw == "" {
			continue
		}
		// Only what the context holds is claimed: a lone Dockerfile, or a
		// context with nothing secret in it yet, is hygiene (info).
		switch {
		case len(leaks) > 0 && p.Dockerignore == nil:
			p.Reportf(in.Range(), "%s %s copies the whole build context, which holds %s, and there is no .dockerignore: they go into the image", kw, src, strings.Join(leaks, ", "))
		case len(leaks) > 0:
			p.Reportf(in.Range(), "%s %s copies the whole build context, which holds %s, and %s does not exclude them: they go into the image", kw, src, strings.Join(leaks, ", "), path.Base(p.Dockerignore.Path))
		case p.Dockerignore == nil:
			p.ReportAtf(Info, in.Range(), nil, "%s %s copies the whole build context and there is no .dockerignore; no .git, .env or key file is in the context now, but nothing keeps one out", kw, src)
		default:
			p.ReportAtf(Info, in.Range(), nil, "%s %s copies the whole build context but %s does not exclude %s (none is in the context now)", kw, src, path.Base(p.Dockerignore.Path), strings.Join(missing, " or "))
		}
	}
}

// contextKnown reports whether the build context is known: a Dockerfile
// read from standard input with no --context has none to judge.
func contextKnown(p *Pass) bool {
	if p.Settings != nil && p.Settings.ContextDir != "" {
		return true
	}
	return p.File.Path != "" && p.File.Path != "-"
}

// contextProbes are the context entries a .dockerignore must keep out of
// a whole-context COPY.
var contextProbes = []string{".git", ".env"}

// contextSecretExts are the extensions of private keys and keystores.
var contextSecretExts = []string{".pem", ".key", ".p12", ".pfx", ".jks"}

// ContextSecretName reports whether a top-level entry of a build context
// named name must not go into an image: version-control history, .env
// files (not their committed templates) and private keys. The engine
// lists such entries in Pass.ContextSecrets.
func ContextSecretName(name string) bool {
	switch name {
	case ".git", ".hg", ".svn", ".env", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519":
		return true
	}
	if rest, ok := strings.CutPrefix(name, ".env."); ok {
		switch rest {
		case "example", "sample", "template", "dist", "defaults":
			return false
		}
		return true
	}
	for _, ext := range contextSecretExts {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// notIgnored lists the names the patterns let through.
func notIgnored(patterns, names []string) []string {
	m, err := patternmatcher.New(patterns)
	if err != nil {
		return nil
	}
	var out []string
	for _, name := range names {
		if hit, err := m.MatchesOrParentMatches(name); err == nil && !hit {
			out = append(out, name)
		}
	}
	return out
}

// wholeContextSource returns the keyword and source of a COPY/ADD that
// copies the context root ("COPY . .", "ADD ./ /app", "COPY * /app/").
func wholeContextSource(in dockerfile.Instruction) (kw, src string) {
	var srcs []string
	switch x := in.(type) {
	case *dockerfile.Copy:
		if x.Cmd.From != "" {
			return "", ""
		}
		kw, srcs = "COPY", x.Cmd.SourcePaths
	case *dockerfile.Add:
		kw, srcs = "ADD", x.Cmd.SourcePaths
	default:
		return "", ""
	}
	for _, s := range srcs {
		switch strings.Trim(s, `"'`) {
		case ".", "./", "*", "./*", "/", ".*":
			return kw, s
		}
	}
	return "", ""
}

// contextLeftovers are directories a whole-context COPY brings along that
// no running image needs.
var contextLeftovers = map[string]string{
	".git": "a git repository (its whole history, remotes and any credentials in its config)",
	".svn": "a Subversion working copy", ".hg": "a Mercurial repository", ".bzr": "a Bazaar repository",
	".idea": "IDE settings", ".vscode": "editor settings",
}

// checkBuildContextUnfilteredLayer: a version-control or editor directory in the
// image, reported once per directory and layer.
func checkBuildContextUnfilteredLayer(p *ImagePass, f *image.Entry) {
	if thirdParty(f.Path + "/") {
		return
	}
	parts := strings.Split(strings.TrimPrefix(f.Path, "/"), "/")
	for i, part := range parts {
		what, ok := contextLeftovers[part]
		if !ok {
			continue
		}
		dir := "/" + strings.Join(parts[:i+1], "/")
		if !p.Seen(f.LayerDigest + dir) {
			d := *f
			d.Path = dir
			p.ReportFilef(&d, "%s: %s ships in the image", dir, what)
		}
		return
	}
}
