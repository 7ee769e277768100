// Package python is dockstride's model of Python source: a tokenizer and
// a recursive-descent parser for the Python 3.13 grammar, in pure Go,
// producing a typed tree that code checks (bandit-style rules) read, as
// package dockerfile is for Dockerfiles. It knows nothing of rules.
//
// # Parsing
//
// Parse(path, src) returns a *Module or one *Error{Path, Line, Col, Msg}.
// It never panics: a syntax error, and even a bug of ours (reported as
// "internal error: ..."), is an error naming the line. Cost is linear in
// the input: no backtracking but over a with statement's parenthesis,
// brackets nested at most 200 deep and indentation at most 100 levels (as
// in CPython), expressions at most 1000 operators deep, files at most
// MaxSourceBytes. The source may start with a UTF-8 BOM and declare a PEP
// 263 encoding (utf-8, latin-1, iso-8859-2/15, cp1251/1252, koi8-r; others
// are an error); \r\n and \r line ends read as \n. Every file of Debian's
// Python 3.11 standard library, django and flask parses, with each node's
// type, names, values and exact positions equal to CPython 3.13's ast
// (cpython_test.go).
//
// github.com/go-python/gpython's parser was tried first and rejected: at
// v0.2.0 it reads Python 3.4 and fails on f-strings, the walrus, match,
// async, type parameters, except* and positional-only parameters.
//
// # The tree
//
// The node types mirror CPython's ast module, with the same field
// meanings, so bandit's checks translate directly:
//
//   - Statements (Stmt): FunctionDef (Async for async def), ClassDef,
//     Return, Delete, Assign, AugAssign, AnnAssign, TypeAlias, For, While,
//     If (elif is a nested If in Else), With, Match, Raise, Try (Star for
//     except*), Assert, Import, ImportFrom, Global, Nonlocal, ExprStmt
//     (CPython's Expr), Pass, Break, Continue.
//   - Expressions (Expr): BoolOp, NamedExpr, BinOp, UnaryOp, Lambda,
//     IfExp, Dict, Set, ListComp, SetComp, DictComp, GeneratorExp, Await,
//     Yield, YieldFrom, Compare, Call, FormattedValue, JoinedStr (an
//     f-string), Constant, Attribute, Subscript, Starred, Name, List,
//     Tuple, Slice.
//   - Patterns (Pattern) of match cases: MatchValue, MatchSingleton,
//     MatchSequence, MatchMapping, MatchClass, MatchStar, MatchAs, MatchOr.
//   - Helper nodes: Arguments, Arg, Keyword, Alias, WithItem,
//     ExceptHandler, MatchCase, Comprehension, TypeParam.
//
// Differences from CPython, each to make a check simpler: a parameter's
// default is on its Arg (Arg.Default) rather than in parallel lists;
// Constant keeps the source text (Raw) beside the decoded Value, and
// implicitly concatenated strings are one Constant (or one JoinedStr);
// MatchSingleton holds a ConstKind.
//
// Call arguments follow CPython: Args holds positional arguments, with
// *x as a Starred; Keywords holds name=value, with **m as a Keyword whose
// Arg is "". Call.Keyword(name) finds one; StringValue(expr) reads a str
// Constant; Constant.Int() reads an int.
//
// # Positions
//
// Every node embeds a Span: Line and EndLine are 1-based; Col and EndCol
// are 1-based byte columns (CPython's col_offset + 1), EndCol exclusive.
// Spans equal CPython's: a decorated def starts at def; a compound
// statement ends with its last body token; the parentheses around an
// expression belong to the expression around it, not to it. Compound
// statements, except handlers and match cases also record HeaderEnd, the
// line of the ':' that ends their header.
//
// # Walking and context
//
// Inspect(node, f) walks a tree in source order like go/ast.Inspect
// (f(nil) after a node's children). A *Module is itself a Node. Module
// gives, on demand: Parent(n), EnclosingStmt(n), EnclosingFunction(n)
// (the first call indexes parents; safe for concurrent use), Source(n)
// (the node's text) and Line(i).
//
// # Names through imports
//
// m.QualifiedName(expr) resolves a Name or an Attribute chain through the
// file's import statements, as bandit does: after "import subprocess as
// sp", sp.Popen is "subprocess.Popen"; after "from os import system as
// s", s is "os.system"; "import os.path" binds os; an unbound name is
// itself ("eval"); a chain through a call or subscript is "". Imports
// anywhere in the file count; the nearest one above the use wins, else
// the first below it. m.Imported(local, line, col) is the lookup alone.
//
// # Comments and pragmas
//
// m.Comments lists every comment (Line, Col, Text with its '#') in order;
// m.CommentsIn(first, last) returns those on a range of lines. For a
// "# nosec" or "# dockstride ignore=" pragma, m.StmtLines(n) is the line
// range a pragma may sit on for a finding at node n: the whole simple
// statement holding it (so a pragma on any line of a multi-line call
// counts), or the header of the compound statement whose header holds it.
package python
