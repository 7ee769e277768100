package dockerfile

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile/bkparse"
	"github.com/dockstride/dockstride/internal/testcorpus"
)

// suggestion is the "did you mean" BuildKit appends to an unknown
// keyword or flag. BuildKit picks it by iterating a map, so among equally
// close candidates it differs from run to run, even between two calls of
// BuildKit's own function; the comparison ignores which one it picked.
var suggestion = regexp.MustCompile(` \(did you mean [^)]*\?\)`)

// sameModel fails unless src gives the same model, field by field, with
// lowerNode as with BuildKit's instructions package alone: the same
// whole-file error, or the same instructions (commands, mounts, scopes,
// scripts), stages, per-instruction errors and BuildKit warnings.
func sameModel(t *testing.T, name string, src []byte) {
	t.Helper()
	fast, fastErr := parse("Dockerfile", src, lowerNode)
	slow, slowErr := parse("Dockerfile", src, lowerWithBuildKit)
	if d := diffModels(fast, fastErr, slow, slowErr); d != "" {
		t.Errorf("%s: the direct lowering differs from BuildKit's instructions package: %s", name, d)
	}
}

// diffModels describes the first difference between two parses, or "".
func diffModels(fast *File, fastErr error, slow *File, slowErr error) string {
	if (fastErr == nil) != (slowErr == nil) || fastErr != nil && !reflect.DeepEqual(normalError(fastErr), normalError(slowErr)) {
		return fmt.Sprintf("whole-file error %v, BuildKit's %v", fastErr, slowErr)
	}
	if fast == nil || slow == nil {
		if fast != slow {
			return "one parse has no model"
		}
		return ""
	}
	for _, f := range []*File{fast, slow} {
		for _, e := range f.Errors {
			e.Message = suggestion.ReplaceAllString(e.Message, " (did you mean …?)")
		}
	}
	if reflect.DeepEqual(fast, slow) {
		return ""
	}
	// Say where: the errors, the warnings, the first instruction that
	// differs, or else the stages and scopes.
	if !reflect.DeepEqual(fast.Errors, slow.Errors) {
		return fmt.Sprintf("errors\n got %s\nwant %s", dumpErrors(fast.Errors), dumpErrors(slow.Errors))
	}
	if !reflect.DeepEqual(fast.BuildKitWarnings, slow.BuildKitWarnings) {
		return fmt.Sprintf("warnings\n got %+v\nwant %+v", fast.BuildKitWarnings, slow.BuildKitWarnings)
	}
	if len(fast.Instructions) != len(slow.Instructions) {
		return fmt.Sprintf("%d instructions, BuildKit's %d", len(fast.Instructions), len(slow.Instructions))
	}
	for i, in := range fast.Instructions {
		if got, want := dumpInstruction(in), dumpInstruction(slow.Instructions[i]); got != want {
			return fmt.Sprintf("instruction %d (%s, line %d)\n got %s\nwant %s", i, in.Kind(), in.Range().StartLine, got, want)
		}
	}
	return "the files differ outside their instructions' own fields (stages, scopes, scripts)"
}

func normalError(err error) error {
	if e, ok := err.(*Error); ok {
		return &Error{Line: e.Line, Message: suggestion.ReplaceAllString(e.Message, " (did you mean …?)")}
	}
	return err
}

func dumpErrors(errs []*Error) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "[%d: %s] ", e.Line, e.Message)
	}
	return b.String()
}

// dumpInstruction shows what the comparison covers of an instruction,
// pointers followed.
func dumpInstruction(in Instruction) string {
	v := reflect.ValueOf(in).Elem()
	var b strings.Builder
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		fmt.Fprintf(&b, "%s=%s ", f.Name, dumpValue(v.Field(i), 0))
	}
	return b.String()
}

func dumpValue(v reflect.Value, depth int) string {
	if depth > 4 {
		return "…"
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "nil"
		}
		return "&" + dumpValue(v.Elem(), depth+1)
	case reflect.Struct:
		var parts []string
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			parts = append(parts, v.Type().Field(i).Name+":"+dumpValue(v.Field(i), depth+1))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case reflect.Slice:
		if v.IsNil() {
			return "nil"
		}
		var parts []string
		for i := range v.Len() {
			parts = append(parts, dumpValue(v.Index(i), depth+1))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	if !v.CanInterface() {
		return "?"
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// lowerEdgeCases reach every shortcut of lowerOrdinary and every way out
// of it to BuildKit.
var lowerEdgeCases = []string{
	// FROM: names, casing warnings, description comments, --platform.
	"FROM a\nFROM b AS c\nFROM --platform=$BUILDPLATFORM d as e\n",
	"FROM a AS Build\nfrom b as c\nfrom b AS d\nFROM b as e\nFrOm f As g\n",
	"# build the app\nFROM a AS build\n# other words\nFROM b AS c\n# check=skip=InvalidDefinitionDescription\nFROM b AS d\n",
	"FROM a AS 1bad\nFROM a AS b/c\nFROM a b c\nFROM a b\nFROM\nFROM a AS\n",
	"FROM --platform a\nFROM --platform= a\nFROM --platform=x --platform=y a\nFROM --plat=x a\nFROM -- a\nFROM --platform=x -- a\n",
	"# check=skip=StageNameCasing\nFROM a AS Bad\n# check=skip=all\nFROM a AS Worse\n",
	// RUN: shell and exec form, flags through BuildKit, mounts.
	"FROM a\nRUN echo hi\nRUN [\"echo\", \"hi\"]\nRUN [ \"broken json\nRUN\n",
	"FROM a\nRUN --mount=type=cache,target=/c --network=none --security=insecure echo\nRUN --mount=type=secret,id=x,target=/s cat /s\n",
	"FROM a\nARG T=/x\nRUN --mount=type=bind,target=$T --mount=type=tmpfs,target=/t,size=1m x\nRUN --mount=type=nope x\nRUN --mount=target=/a,z x\nRUN --network=bad x\nRUN --bogus x\n",
	"FROM a\n# check=skip=all\nRUN --mount=type=cache,target=/c x\n",
	"FROM a\nRUN <<EOF\necho hi\nEOF\nRUN <<-EOT bash\n\techo hi\n\tEOT\n",
	// CMD and ENTRYPOINT.
	"FROM a\nCMD echo hi\nCMD [\"a\", \"b\"]\nCMD []\nENTRYPOINT []\nENTRYPOINT x y\nCMD --x y\nENTRYPOINT --x=1 y\nCMD\n",
	// COPY and ADD: flags, heredocs, errors.
	"FROM a\nCOPY a b\nCOPY a b c/\nCOPY --from=x --chown=1:1 --chmod=755 --link --parents --exclude=*.md --exclude=*.txt a b\n",
	"FROM a\nCOPY --link=true a b\nCOPY --link=false a b\nCOPY --link=TRUE a b\nCOPY --link= a b\nCOPY --from a b\nCOPY --from=x --from=y a b\nCOPY --nope=1 a b\nCOPY -- a b\nCOPY a\nCOPY\n",
	"FROM a\nCOPY <<EOF /dst\nbody\nEOF\nCOPY <<-EOF <<'B' plain /dst/\n\tbody\n\tEOF\nquoted $x\nB\nCOPY a <<EOF\nx\nEOF\nCOPY a b<<c\n",
	"FROM a\nADD a b\nADD --checksum=sha256:x --keep-git-dir --unpack=false --link --chown=1 --chmod=644 --exclude=x https://e/x.git b\nADD --keep-git-dir=true --unpack a b\nADD --unpack=maybe a b\nADD a\n",
	// ENV, LABEL, ARG.
	"FROM a\nENV A=1 B=\"two words\" C=3\nENV D 4\nENV E\nENV =x\nENV --x=1 A=1\nLABEL a=b \"c d\"=e\nLABEL f\nLABEL =g\n",
	"ARG A\nARG B=1 C\nARG D=\nARG =x\nARG\nFROM a\nARG A\n# A the version\nARG A=2\n# B other\nARG A B\n# check=skip=InvalidDefinitionDescription\nARG C\nARG --x=1 D\n",
	"# A the a\n# B the b\nARG A B=2\n# nothing\n\n# A=1\nARG A=1\n",
	// Single-argument instructions.
	"FROM a\nUSER app\nUSER a b\nUSER\nUSER --x=1 app\nWORKDIR /w\nWORKDIR\nWORKDIR a b\nSTOPSIGNAL SIGTERM\nSTOPSIGNAL --x SIGKILL\nSTOPSIGNAL a b\n",
	"FROM a\nMAINTAINER me\n# check=skip=MaintainerDeprecated\nMAINTAINER you\nMAINTAINER a b\n",
	// EXPOSE, VOLUME, SHELL.
	"FROM a\nEXPOSE 8080 80/udp 443\nEXPOSE\nEXPOSE --x 1\nVOLUME /a /b\nVOLUME [\"/c\", \" /d \"]\nVOLUME [\"\"]\nVOLUME [\" \"]\nVOLUME\n",
	"FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo\nSHELL /bin/sh -c\nSHELL []\nSHELL --x [\"sh\"]\nSHELL [\"pwsh\"]\nRUN Get-Item\n",
	// HEALTHCHECK.
	"FROM a\nHEALTHCHECK NONE\nHEALTHCHECK none\nHEALTHCHECK --interval=5s NONE\nHEALTHCHECK NONE x\nHEALTHCHECK CMD curl -f x\nHEALTHCHECK CMD [\"curl\", \"x\"]\nHEALTHCHECK CMD\nHEALTHCHECK CMD []\n",
	"FROM a\nHEALTHCHECK --interval=5s --timeout=1s --start-period=2s --start-interval=1s --retries=3 CMD x\nHEALTHCHECK --interval=1ns CMD x\nHEALTHCHECK --retries=-1 CMD x\nHEALTHCHECK --interval=x CMD x\nHEALTHCHECK CONNECT x\nHEALTHCHECK\n",
	// ONBUILD and unknown keywords.
	"FROM a\nONBUILD RUN x\nONBUILD COPY --from=b a c\nONBUILD ONBUILD RUN x\nONBUILD FROM x\nONBUILD MAINTAINER x\nONBUILD\nONBUILD RUN <<EOF\nx\nEOF\nONBUILD BOGUS\nONBUILD USER a b\n",
	"FROM a\nRUNN x\nFORM b\nCOPPY a b\nARD x\n~ x\n",
	// Keywords as BuildKit lower-cases them (not a case fold).
	"FROM a\nENTRYPO\u0130NT x\n\u017fhell x\nHEALTHCHEC\u212a NONE\nRun x\nrun x\ncopy a b\n",
	// Instructions before any FROM, and no FROM at all.
	"RUN x\nENV A=1\nUSER u\n",
	"ARG A=1\nFROM ${A}\nCOPY --from=${A} x y\n",
}

// TestLowerSameAsInstructions holds the direct lowering to BuildKit's
// instructions package on every Dockerfile of the repository, the shared
// corpus (a sample under the race detector), the edge cases above and
// FuzzLowerSameAsInstructions's seed files. It also checks that the
// direct path is the one taken for nearly every corpus instruction, so
// the comparison is not between BuildKit and itself.
func TestLowerSameAsInstructions(t *testing.T) {
	paths := repoDockerfiles()
	if dir, ok := testcorpus.Dir(); ok {
		files, err := testcorpus.Files(dir)
		if err != nil {
			t.Fatal(err)
		}
		if raceEnabled {
			files = testcorpus.Sample(dir, files, 8)
		}
		paths = append(paths, files...)
	}
	seeds, _ := filepath.Glob("testdata/fuzz/FuzzLowerSameAsInstructions/*")
	if len(paths) < 10 || len(seeds) == 0 {
		t.Fatalf("only %d Dockerfiles and %d seed files found", len(paths), len(seeds))
	}
	var direct, all int
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sameModel(t, p, src)
		d, n := directShare(src)
		direct, all = direct+d, all+n
	}
	for i, src := range lowerEdgeCases {
		sameModel(t, fmt.Sprintf("edge case %d %q", i, src), []byte(src))
	}
	for _, p := range seeds {
		src, err := readFuzzSeed(p)
		if err != nil {
			t.Fatal(err)
		}
		sameModel(t, p, src)
	}
	if direct < all*9/10 {
		t.Errorf("only %d of %d instructions took the direct lowering; the rest went through BuildKit", direct, all)
	}
	t.Logf("%d of %d instructions lowered directly", direct, all)
}

// directShare counts the top-level instructions of src that lowerOrdinary
// handles itself, and all of them.
func directShare(src []byte) (direct, all int) {
	res, err := bkparse.Parse(strings.NewReader(string(src)))
	if err != nil {
		return 0, 0
	}
	b := &builder{f: &File{}}
	for _, n := range res.AST.Children {
		all++
		if b.lowerOrdinary(n) != nil {
			direct++
		}
	}
	return direct, all
}

// repoDockerfiles lists the repository's own Dockerfiles.
func repoDockerfiles() []string {
	var paths []string
	for _, pattern := range []string{"../../testdata/*/*.Dockerfile", "../../testdata/*/*/*.Dockerfile", "../../testdata/*/*/*/*.Dockerfile"} {
		m, _ := filepath.Glob(pattern) // the patterns are well-formed
		paths = append(paths, m...)
	}
	return paths
}

// readFuzzSeed reads a "go test fuzz v1" file holding one []byte.
func readFuzzSeed(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	_, body, ok := strings.Cut(string(data), "\n")
	body = strings.TrimSpace(body)
	if !ok || !strings.HasPrefix(body, "[]byte(") || !strings.HasSuffix(body, ")") {
		return nil, fmt.Errorf("%s: not a []byte fuzz seed", path)
	}
	var s string
	if _, err := fmt.Sscanf(body[len("[]byte("):len(body)-1], "%q", &s); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return []byte(s), nil
}

// FuzzLowerSameAsInstructions holds the direct lowering to BuildKit's
// instructions package on arbitrary text. Seeds: the edge cases above,
// the repository's Dockerfiles and testdata/fuzz/FuzzLowerSameAsInstructions.
// To fuzz:
//
//	go test ./internal/dockerfile -run '^$' -fuzz FuzzLowerSameAsInstructions -parallel=1 -fuzztime 15m
func FuzzLowerSameAsInstructions(f *testing.F) {
	for _, s := range lowerEdgeCases {
		f.Add([]byte(s))
	}
	for _, p := range repoDockerfiles() {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameModel(t, "fuzz input", src)
	})
}
