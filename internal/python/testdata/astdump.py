"""Print every positioned node of each file named on stdin, one per line,
in the format of dumpNodes in cpython_test.go, so a test can hold the Go
parser's tree to CPython's. A file CPython rejects prints "!error ...".
With --check only the errors are printed. Before 3.13 the nodes inside
f-strings are left out: their positions were not yet exact."""
import ast
import sys


def value(n):
    t = type(n).__name__
    if isinstance(n, ast.Constant):
        v = n.value
        if isinstance(v, str):
            return t + " str " + v.encode("utf-8", "surrogatepass").hex()
        if isinstance(v, bytes):
            return t + " bytes " + v.hex()
        if v is None or v is True or v is False or v is Ellipsis:
            return t + " " + repr(v)
        return t + " " + type(v).__name__
    if isinstance(n, ast.Name):
        return t + " " + n.id + " " + type(n.ctx).__name__
    if isinstance(n, ast.Attribute):
        return t + " " + n.attr + " " + type(n.ctx).__name__
    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return t + " " + n.name
    if isinstance(n, ast.arg):
        return t + " " + n.arg
    if isinstance(n, ast.keyword):
        return t + " " + (n.arg or "**")
    if isinstance(n, ast.alias):
        return t + " " + n.name + " " + (n.asname or "")
    if isinstance(n, (ast.BinOp, ast.AugAssign)):
        return t + " " + type(n.op).__name__
    if isinstance(n, (ast.BoolOp, ast.UnaryOp)):
        return t + " " + type(n.op).__name__
    if isinstance(n, ast.Compare):
        return t + " " + ",".join(type(o).__name__ for o in n.ops)
    if isinstance(n, ast.ImportFrom):
        return t + " " + "." * n.level + (n.module or "")
    if isinstance(n, ast.FormattedValue):
        return t + " " + str(n.conversion)
    return t


def walk(tree, inner_fstrings):
    todo = [tree]
    while todo:
        n = todo.pop()
        yield n
        if isinstance(n, ast.JoinedStr) and not inner_fstrings:
            continue
        todo.extend(ast.iter_child_nodes(n))


def main():
    check = "--check" in sys.argv
    inner = sys.version_info >= (3, 13)
    for path in sys.stdin.read().split("\n"):
        if not path:
            continue
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read())
        except (SyntaxError, ValueError) as e:
            print("== " + path)
            print("!error " + str(e).replace("\n", " "))
            continue
        if check:
            continue
        print("== " + path)
        for n in walk(tree, inner):
            if hasattr(n, "lineno") and n.lineno is not None:
                print("%s %d:%d-%d:%d" % (value(n), n.lineno, n.col_offset + 1, n.end_lineno, n.end_col_offset + 1))


main()
