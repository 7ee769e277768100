package python

// tokKind is the kind of a token. Keywords and operators each have their
// own kind so the parser switches on one small integer.
type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tIndent
	tDedent
	tName
	tNumber
	tString
	tFStringStart
	tFStringMiddle
	tFStringEnd

	// Operators and delimiters.
	tLPar     // (
	tRPar     // )
	tLSqb     // [
	tRSqb     // ]
	tLBrace   // {
	tRBrace   // }
	tColon    // :
	tComma    // ,
	tSemi     // ;
	tDot      // .
	tEllipsis // ...
	tArrow    // ->
	tAt       // @
	tEqual    // =
	tWalrus   // :=
	tBang     // ! (only in f-string replacement fields)
	tTilde    // ~

	// Binary operators; each has an augmented-assignment twin below.
	tPlus
	tMinus
	tStar
	tSlash
	tDoubleSlash
	tPercent
	tDoubleStar
	tAmper
	tVBar
	tCircumflex
	tLShift
	tRShift

	tPlusEq
	tMinusEq
	tStarEq
	tSlashEq
	tDoubleSlashEq
	tPercentEq
	tDoubleStarEq
	tAmperEq
	tVBarEq
	tCircumflexEq
	tLShiftEq
	tRShiftEq
	tAtEq

	// Comparisons.
	tEqEqual
	tNotEqual
	tLess
	tGreater
	tLessEqual
	tGreaterEqual

	// Keywords (hard keywords only: match, case, type and _ are names).
	tFalse
	tNone
	tTrue
	tAnd
	tAs
	tAssert
	tAsync
	tAwait
	tBreak
	tClass
	tContinue
	tDef
	tDel
	tElif
	tElse
	tExcept
	tFinally
	tFor
	tFrom
	tGlobal
	tIf
	tImport
	tIn
	tIs
	tLambda
	tNonlocal
	tNot
	tOr
	tPass
	tRaise
	tReturn
	tTry
	tWhile
	tWith
	tYield

	numTokKinds
)

var keywords = map[string]tokKind{
	"False": tFalse, "None": tNone, "True": tTrue, "and": tAnd, "as": tAs,
	"assert": tAssert, "async": tAsync, "await": tAwait, "break": tBreak,
	"class": tClass, "continue": tContinue, "def": tDef, "del": tDel,
	"elif": tElif, "else": tElse, "except": tExcept, "finally": tFinally,
	"for": tFor, "from": tFrom, "global": tGlobal, "if": tIf,
	"import": tImport, "in": tIn, "is": tIs, "lambda": tLambda,
	"nonlocal": tNonlocal, "not": tNot, "or": tOr, "pass": tPass,
	"raise": tRaise, "return": tReturn, "try": tTry, "while": tWhile,
	"with": tWith, "yield": tYield,
}

var tokNames = [numTokKinds]string{
	tEOF: "end of file", tNewline: "newline", tIndent: "indent",
	tDedent: "dedent", tName: "name", tNumber: "number", tString: "string",
	tFStringStart: "f-string", tFStringMiddle: "f-string text",
	tFStringEnd: "end of f-string",
	tLPar:       "'('", tRPar: "')'", tLSqb: "'['", tRSqb: "']'", tLBrace: "'{'",
	tRBrace: "'}'", tColon: "':'", tComma: "','", tSemi: "';'", tDot: "'.'",
	tEllipsis: "'...'", tArrow: "'->'", tAt: "'@'", tEqual: "'='",
	tWalrus: "':='", tBang: "'!'", tTilde: "'~'",
	tPlus: "'+'", tMinus: "'-'", tStar: "'*'", tSlash: "'/'",
	tDoubleSlash: "'//'", tPercent: "'%'", tDoubleStar: "'**'",
	tAmper: "'&'", tVBar: "'|'", tCircumflex: "'^'", tLShift: "'<<'",
	tRShift: "'>>'",
	tPlusEq: "'+='", tMinusEq: "'-='", tStarEq: "'*='", tSlashEq: "'/='",
	tDoubleSlashEq: "'//='", tPercentEq: "'%='", tDoubleStarEq: "'**='",
	tAmperEq: "'&='", tVBarEq: "'|='", tCircumflexEq: "'^='",
	tLShiftEq: "'<<='", tRShiftEq: "'>>='", tAtEq: "'@='",
	tEqEqual: "'=='", tNotEqual: "'!='", tLess: "'<'", tGreater: "'>'",
	tLessEqual: "'<='", tGreaterEqual: "'>='",
}

func init() {
	for word, k := range keywords {
		tokNames[k] = "'" + word + "'"
	}
}

func (k tokKind) String() string { return tokNames[k] }

// token is one lexical token. Offsets index the module's (decoded) source;
// columns are 0-based byte offsets in their line, as CPython counts them.
type token struct {
	kind            tokKind
	nonASCII        bool // a name with non-ASCII letters, to normalize
	off, end        int32
	line, col       int32
	endLine, endCol int32
}
