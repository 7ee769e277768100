package python

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The trees Debian installs: the standard library, and django, flask,
// werkzeug, jinja2... from python3-django and python3-flask (CI installs
// them).
var realTrees = []string{"/usr/lib/python3.11", "/usr/lib/python3/dist-packages"}

// debianPython is the interpreter whose verdict on a file counts: a file
// it rejects may fail to parse.
const debianPython = "/usr/bin/python3"

func realTreeFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, root := range realTrees {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".py") && d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skipf("no Python files under %v", realTrees)
	}
	return files
}

// runASTDump runs testdata/astdump.py under python over files and splits
// its output per file.
func runASTDump(t *testing.T, python string, files []string, args ...string) map[string][]string {
	t.Helper()
	cmd := exec.Command(python, append([]string{"testdata/astdump.py"}, args...)...)
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s testdata/astdump.py: %v\n%s", python, err, stderr.String())
	}
	dumps := make(map[string][]string)
	var cur string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if path, ok := strings.CutPrefix(line, "== "); ok {
			cur = path
			dumps[cur] = []string{}
			continue
		}
		dumps[cur] = append(dumps[cur], line)
	}
	return dumps
}

// TestRealTrees parses every .py file Debian installs and accepts a parse
// error only for a file that Debian's CPython rejects too.
func TestRealTrees(t *testing.T) {
	files := realTreeFiles(t)
	var failed []string
	errs := make(map[string]error)
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if _, err := Parse(path, src); err != nil {
			failed = append(failed, path)
			errs[path] = err
		}
	}
	t.Logf("%d files, %d parse errors", len(files), len(failed))
	if len(failed) == 0 {
		return
	}
	if _, err := os.Stat(debianPython); err != nil {
		for _, path := range failed {
			t.Errorf("%v (and %s is absent to say whether CPython rejects it)", errs[path], debianPython)
		}
		return
	}
	rejected := runASTDump(t, debianPython, failed, "--check")
	for _, path := range failed {
		if lines, ok := rejected[path]; ok && len(lines) > 0 {
			t.Logf("rejected by CPython too: %v | %s", errs[path], lines[0])
			continue
		}
		t.Errorf("CPython parses it: %v", errs[path])
	}
}

// newestPython finds the newest CPython at hand for the position test:
// $DOCKSTRIDE_PYTHON, a 3.13 or 3.12 (on PATH or under pyenv), or
// Debian's python3.
func newestPython() string {
	var candidates []string
	if p := os.Getenv("DOCKSTRIDE_PYTHON"); p != "" {
		candidates = append(candidates, p)
	}
	for _, v := range []string{"3.13", "3.12"} {
		candidates = append(candidates, "python"+v)
		if home, err := os.UserHomeDir(); err == nil {
			matches, _ := filepath.Glob(filepath.Join(home, ".pyenv", "versions", v+"*", "bin", "python3"))
			candidates = append(candidates, matches...)
		}
	}
	candidates = append(candidates, debianPython)
	for _, c := range candidates {
		path, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import ast").Run() == nil {
			return path
		}
	}
	return ""
}

// TestPositionsMatchCPython holds every positioned node of a sample of the
// real trees (every file with PYTHON_AST_ALL=1) to CPython's ast: type,
// names, operators, string values and exact start and end positions.
func TestPositionsMatchCPython(t *testing.T) {
	files := realTreeFiles(t)
	python := newestPython()
	if python == "" {
		t.Skip("no CPython to compare with")
	}
	if os.Getenv("PYTHON_AST_ALL") == "" {
		var sample []string
		for i := 0; i < len(files); i += 25 {
			sample = append(sample, files[i])
		}
		files = sample
	}
	compareWithCPython(t, python, files)
}

// TestSyntaxFiles holds the handwritten files of every modern construct
// (testdata/syntax) to CPython 3.13's ast.
func TestSyntaxFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/syntax/*.py")
	if err != nil || len(files) == 0 {
		t.Fatal("no testdata/syntax files")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(path, src); err != nil {
			t.Error(err)
		}
	}
	python := newestPython()
	if python == "" || !pythonAtLeast313(python) {
		t.Skip("no CPython 3.13 to compare with")
	}
	if n := compareWithCPython(t, python, files); n != len(files) {
		t.Errorf("compared %d of %d files", n, len(files))
	}
}

func pythonAtLeast313(python string) bool {
	out, _ := exec.Command(python, "-c", "import sys; print(sys.version_info >= (3, 13))").Output()
	return strings.TrimSpace(string(out)) == "True"
}

// compareWithCPython diffs our tree of each file with CPython's and
// returns how many files were compared (those CPython parses).
func compareWithCPython(t *testing.T, python string, files []string) int {
	t.Helper()
	inner := pythonAtLeast313(python)
	want := runASTDump(t, python, files)
	compared, nodes := 0, 0
	for _, path := range files {
		lines, ok := want[path]
		if !ok {
			continue
		}
		if len(lines) > 0 && strings.HasPrefix(lines[0], "!error") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		m, err := Parse(path, src)
		if err != nil {
			t.Errorf("%v (CPython parses it)", err)
			continue
		}
		sort.Strings(lines)
		compared++
		nodes += len(lines)
		if d := diffLines(dumpNodes(m, inner), lines); d != "" {
			t.Errorf("%s: differs from %s (-ours +CPython):\n%s", path, python, d)
		}
	}
	t.Logf("%d files, %d nodes compared with %s", compared, nodes, python)
	if compared == 0 {
		t.Error("no file compared")
	}
	return compared
}

// diffLines lists, at most 20, the lines only one side has.
func diffLines(got, want []string) string {
	count := make(map[string]int)
	for _, l := range got {
		count[l]++
	}
	for _, l := range want {
		count[l]--
	}
	var out []string
	for l, n := range count {
		for ; n > 0; n-- {
			out = append(out, "-"+l)
		}
		for ; n < 0; n++ {
			out = append(out, "+"+l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][1:] < out[j][1:] })
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("... and %d more", len(out)-20))
	}
	return strings.Join(out, "\n")
}

// dumpNodes lists every node of m that CPython gives a position, in the
// format of testdata/astdump.py, sorted. Without inner, the nodes inside
// f-strings are left out, as the script does before 3.13.
func dumpNodes(m *Module, inner bool) []string {
	var out []string
	Inspect(m, func(n Node) bool {
		if n == nil {
			return false
		}
		if d, ok := describeNode(n); ok {
			sp := n.Extent()
			out = append(out, fmt.Sprintf("%s %d:%d-%d:%d", d, sp.Line, sp.Col, sp.EndLine, sp.EndCol))
		}
		_, fstring := n.(*JoinedStr)
		return inner || !fstring
	})
	sort.Strings(out)
	return out
}

func describeNode(n Node) (string, bool) {
	name := fmt.Sprintf("%T", n)[len("*python."):]
	switch n := n.(type) {
	case *Module, *Arguments, *WithItem, *MatchCase, *Comprehension:
		return "", false
	case *Constant:
		switch n.Kind {
		case ConstStr:
			return "Constant str " + hex.EncodeToString([]byte(n.Value)), true
		case ConstBytes:
			return "Constant bytes " + hex.EncodeToString([]byte(n.Value)), true
		case ConstNone, ConstTrue, ConstFalse, ConstEllipsis:
			return "Constant " + n.Kind.String(), true
		}
		return "Constant " + n.Kind.String(), true
	case *Name:
		return "Name " + n.ID + " " + ctxName(n.Ctx), true
	case *Attribute:
		return "Attribute " + n.Attr + " " + ctxName(n.Ctx), true
	case *FunctionDef:
		if n.Async {
			return "AsyncFunctionDef " + n.Name, true
		}
		return "FunctionDef " + n.Name, true
	case *ClassDef:
		return "ClassDef " + n.Name, true
	case *For:
		if n.Async {
			return "AsyncFor", true
		}
	case *With:
		if n.Async {
			return "AsyncWith", true
		}
	case *Try:
		if n.Star {
			return "TryStar", true
		}
	case *ExprStmt:
		return "Expr", true
	case *Arg:
		return "arg " + n.Name, true
	case *Keyword:
		arg := n.Arg
		if arg == "" {
			arg = "**"
		}
		return "keyword " + arg, true
	case *Alias:
		return "alias " + n.Name + " " + n.AsName, true
	case *BinOp:
		return "BinOp " + opName(n.Op), true
	case *AugAssign:
		return "AugAssign " + opName(n.Op), true
	case *BoolOp:
		return "BoolOp " + [...]string{"And", "Or"}[n.Op], true
	case *UnaryOp:
		return "UnaryOp " + [...]string{"Invert", "Not", "UAdd", "USub"}[n.Op], true
	case *Compare:
		ops := make([]string, len(n.Ops))
		for i, o := range n.Ops {
			ops[i] = [...]string{"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"}[o]
		}
		return "Compare " + strings.Join(ops, ","), true
	case *ImportFrom:
		return "ImportFrom " + strings.Repeat(".", n.Level) + n.Module, true
	case *FormattedValue:
		return fmt.Sprintf("FormattedValue %d", n.Conversion), true
	case *TypeParam:
		return [...]string{"TypeVar", "TypeVarTuple", "ParamSpec"}[n.Kind], true
	}
	return name, true
}

func ctxName(c Ctx) string { return [...]string{"Load", "Store", "Del"}[c] }

func opName(o Operator) string {
	return [...]string{"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"}[o]
}
