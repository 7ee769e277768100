package rules

import (
	"maps"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/util/suggest"
)

// VariableUndefined: an instruction uses a variable that is not set.
var VariableUndefined = &Rule{
	ID:       "DKS1021",
	Name:     "variable-undefined",
	Title:    "Instruction uses a variable that is not defined",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"UndefinedVar"},
	BuildKit: &linter.RuleUndefinedVar,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE1188},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Undefined variable",
		Mitigation:    "Declare the variable before use, or fix its spelling.",

		Rationale: "An undefined variable expands to the empty string, silently: `COPY $SRC /app` copies " +
			"the whole context, `USER $APP_USER` runs as root, `ENV PATH=$PAHT:/opt/bin` drops the " +
			"system PATH. BuildKit checks ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL " +
			"and RUN --mount values against the stage's ARGs and ENVs and the base image's " +
			"environment. dockstride knows the environment of common official images; in stages from " +
			"other images it reports only names that look like typos of a defined variable. A " +
			"reference that says what to do when the variable is unset (`${NAME:-default}`, " +
			"`${NAME:+…}`) is deliberate and not reported, unlike in BuildKit.",
		Impact: "Files, users or paths silently replaced by empty strings",
		Fix:    "Declare the variable (`ARG NAME` or `ENV NAME=value`) before use in this stage (ARGs do not carry across stages), or fix its spelling.",
		Bad:    Dockerfiles("FROM alpine:3.20\nENV PATH=$PAHT:/opt/bin\n", "FROM scratch\nCOPY $SRC /app\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nENV PATH=$PATH:/opt/bin\n", "FROM scratch\nARG SRC=dist\nCOPY $SRC /app\n"),
		Refs:   []string{buildKitDoc("undefined-var")},
	},
	Checks: []Check{FileCheck{Check: checkVariableUndefinedFile}},
}

func checkVariableUndefinedFile(p *Pass, f *dockerfile.File) {
	global, _ := globalArgs(p, true)
	lex := f.Lex()
	done := map[*dockerfile.Stage]*stageVars{}
	var args map[string]string
	if p.Settings != nil {
		args = p.Settings.BuildArgs
	}
	for _, s := range f.Stages {
		v := baseVars(p, s, done)
		report := func(in dockerfile.Instruction, word string) {
			if !strings.Contains(word, "$") {
				return
			}
			_, unmatched, err := lex.ProcessWord(word, v.env)
			if err != nil {
				return
			}
			for _, name := range slices.Sorted(maps.Keys(unmatched)) {
				if _, ok := v.buildArgs.Get(name); ok || handlesUnset(word, name) {
					continue
				}
				match, _ := suggest.Search(name, v.env.Keys(), true)
				switch {
				case match != "":
					p.Reportf(in.Range(), "Usage of undefined variable '$%s' (did you mean $%s?)", name, match)
				case v.known:
					p.Reportf(in.Range(), "Usage of undefined variable '$%s'", name)
				}
			}
		}
		for _, in := range s.Instructions {
			if in.Parent() != nil {
				continue
			}
			for _, w := range expansionWords(in) {
				report(in, w)
			}
			switch x := in.(type) {
			case *dockerfile.Env:
				vals := make([]string, len(x.Cmd.Env))
				for i, kv := range x.Cmd.Env {
					vals[i] = expandValue(lex, kv.Value, v.env)
				}
				for i, kv := range x.Cmd.Env {
					v.env.set(kv.Key, vals[i])
				}
			case *dockerfile.Arg:
				for _, kv := range x.Cmd.Args {
					key := kv.Key
					if strings.Contains(key, "$") {
						// BuildKit expands ARG names too: ARG ${src}=x declares $src's value.
						report(in, key)
						key = expandValue(lex, key, v.env)
					}
					v.buildArgs.set(key, "")
					if val, ok := args[key]; ok {
						v.env.set(key, val)
						continue
					}
					if kv.Value != nil {
						report(in, *kv.Value)
						v.env.set(key, expandValue(lex, *kv.Value, v.env))
					} else if val, ok := global.Get(key); ok {
						v.env.set(key, val)
					}
				}
			}
		}
		done[s] = v
	}
}

// stageVars is the build-time environment of a stage as BuildKit expands
// instruction words with it: the base image's ENV, then the stage's ENV and
// ARG values. buildArgs are the ARG names declared (with or without value),
// which BuildKit never reports as undefined. known is false when the base
// image's environment is not known to dockstride.
type stageVars struct {
	env       *varEnv
	buildArgs *varEnv // names only; a layered set like env
	known     bool
}

func (v *stageVars) clone() *stageVars {
	return &stageVars{env: v.env.clone(), buildArgs: v.buildArgs.clone(), known: v.known}
}

// imageEnv lists the variables the config of common official images sets
// besides PATH, so references to them are not reported as undefined. An
// image not listed here has an unknown environment: only likely typos (a
// reference close to a known name) are reported in its stages.
var imageEnv = map[string][]string{
	"alpine": nil, "busybox": nil, "debian": nil, "ubuntu": nil, "fedora": nil, "centos": nil,
	"rockylinux": nil, "almalinux": nil, "amazonlinux": nil, "archlinux": nil, "oraclelinux": nil,
	"opensuse/leap": nil, "opensuse/tumbleweed": nil, "photon": nil, "clearlinux": nil,
	"golang":          {"GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"},
	"node":            {"NODE_VERSION", "YARN_VERSION"},
	"python":          {"LANG", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256"},
	"ruby":            {"LANG", "RUBY_MAJOR", "RUBY_VERSION", "RUBY_DOWNLOAD_SHA256", "RUBY_DOWNLOAD_URL", "GEM_HOME", "BUNDLE_SILENCE_ROOT_WARNING", "BUNDLE_APP_CONFIG"},
	"rust":            {"RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"},
	"openjdk":         {"JAVA_HOME", "JAVA_VERSION", "LANG"},
	"eclipse-temurin": {"JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"},
	"maven":           {"JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL", "MAVEN_HOME", "MAVEN_CONFIG"},
	"nginx":           {"NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE"},
	"httpd":           {"HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"},
	"php":             {"PHPIZE_DEPS", "PHP_INI_DIR", "APACHE_CONFDIR", "APACHE_ENVVARS", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "GPG_KEYS", "PHP_VERSION", "PHP_URL", "PHP_ASC_URL", "PHP_SHA256"},
}

// baseVars is the environment a stage starts with.
func baseVars(p *Pass, s *dockerfile.Stage, done map[*dockerfile.Stage]*stageVars) *stageVars {
	if s.Parent != nil {
		if v, ok := done[s.Parent]; ok {
			return v.clone()
		}
	}
	v := &stageVars{env: newVarEnv(), buildArgs: newVarEnv()}
	switch {
	case s.From == nil:
	case s.From.IsScratch():
		v.known = true
	case s.From.Resolved:
		if keys, ok := imageEnv[imageRepo(s.From.Expanded)]; ok {
			v.known = true
			for _, k := range keys {
				v.env.set(k, "")
			}
		}
	}
	// BuildKit always sets PATH when the base image does not.
	v.env.set("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
	return v
}

// imageRepo reduces an image reference to the repository name the imageEnv
// table uses ("docker.io/library/golang:1.23@sha256:…" → "golang").
func imageRepo(ref string) string {
	ref = strings.ToLower(ref)
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	for _, prefix := range []string{"docker.io/library/", "docker.io/", "index.docker.io/library/", "library/"} {
		ref = strings.TrimPrefix(ref, prefix)
	}
	return ref
}

// expansionWords are the words of an instruction BuildKit expands (and
// reports undefined variables in) before running it; RUN command lines are
// left to the shell and not included.
func expansionWords(in dockerfile.Instruction) []string {
	var words []string
	switch x := in.(type) {
	case *dockerfile.Env:
		for _, kv := range x.Cmd.Env {
			words = append(words, kv.Key, kv.Value)
		}
	case *dockerfile.Label:
		for _, kv := range x.Cmd.Labels {
			words = append(words, kv.Key, kv.Value)
		}
	case *dockerfile.Copy:
		words = append(words, x.Cmd.Chown, x.Cmd.Chmod)
		words = append(words, x.Cmd.SourcePaths...)
		words = append(words, x.Cmd.DestPath)
	case *dockerfile.Add:
		words = append(words, x.Cmd.Chown, x.Cmd.Chmod, x.Cmd.Checksum)
		words = append(words, x.Cmd.SourcePaths...)
		words = append(words, x.Cmd.DestPath)
	case *dockerfile.Workdir:
		words = append(words, x.Cmd.Path)
	case *dockerfile.User:
		words = append(words, x.Cmd.User)
	case *dockerfile.Volume:
		words = append(words, x.Cmd.Volumes...)
	case *dockerfile.StopSignal:
		words = append(words, x.Cmd.Signal)
	case *dockerfile.Run:
		for _, fl := range in.Flags() {
			if v, ok := strings.CutPrefix(fl, "--mount="); ok {
				words = append(words, v)
			}
		}
	}
	return words
}

// expandValue is lex.ProcessWord's result for an ENV or ARG value, without
// running the lexer on the plain values (no $, quote or escape character)
// it would return unchanged: most of them, and every value of every file.
func expandValue(lex *dockerfile.Lex, value string, env *varEnv) string {
	if !strings.ContainsAny(value, "$\"'\\`") {
		return value
	}
	v, _, _ := lex.ProcessWord(value, env)
	return v
}

// handlesUnset reports whether word refers to name with an operator that
// says what happens when it is unset (${NAME:-x}, ${NAME+x}, ${NAME:?msg}
// …): the author expected it may be undefined, as in
// `ENV LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/opt/lib`.
// BuildKit reports these too; dockstride does not.
func handlesUnset(word, name string) bool {
	for _, op := range []string{":-", "-", ":+", "+", ":?", "?", ":=", "="} {
		if strings.Contains(word, "${"+name+op) {
			return true
		}
	}
	return false
}
