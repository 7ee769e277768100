package dockerfile

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile/bkparse"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
)

// Lowering turns one node of BuildKit's AST into its typed command, as
// BuildKit's instructions.ParseInstructionWithLinter does. That function
// was a fifth of the model's cost: it builds two maps of flag definitions
// per instruction (and a map and four hook states per RUN), copies the
// arguments and computes source locations nobody reads. lowerNode reads
// the ordinary, well-formed instruction directly; everything else (an
// error to report, a RUN with --mount options, an odd flag, ONBUILD,
// MAINTAINER) goes through BuildKit's own function, so messages and
// corner cases stay BuildKit's. TestLowerSameAsInstructions and
// FuzzLowerSameAsInstructions hold the whole model built this way to the
// model built with BuildKit's function alone.

// lowerFunc lowers one node: it returns one of the *…Command types,
// *stageCommand for FROM or *loweredRun for RUN, or BuildKit's error.
type lowerFunc func(b *builder, node *parser.Node) (any, error)

// loweredRun is a lowered RUN.
type loweredRun struct {
	cmd *RunCommand
	// bk is BuildKit's command for a RUN with --flags: its --mount
	// options are read once the scope is known (Expand), by BuildKit's
	// unexported mount parser. nil when the RUN has no flags.
	bk *instructions.RunCommand
}

// lowerNode is the fast lowering, falling back to lowerWithBuildKit.
func lowerNode(b *builder, node *parser.Node) (any, error) {
	if cmd := b.lowerOrdinary(node); cmd != nil {
		return cmd, nil
	}
	return lowerWithBuildKit(b, node)
}

// lowerWithBuildKit lowers a node with BuildKit's instructions package
// and copies the result into our types.
func lowerWithBuildKit(b *builder, node *parser.Node) (any, error) {
	cmd, err := instructions.ParseInstructionWithLinter(node, b.linter())
	if err != nil {
		return nil, err
	}
	return fromInstructions(cmd), nil
}

// fromInstructions copies a BuildKit command into ours.
func fromInstructions(cmd any) any {
	switch c := cmd.(type) {
	case *instructions.Stage:
		return &stageCommand{Name: c.Name, BaseName: c.BaseName, Platform: c.Platform}
	case *instructions.RunCommand:
		// BuildKit lists the flags in map order; ours are sorted.
		slices.Sort(c.FlagsUsed)
		return &loweredRun{cmd: &RunCommand{ShellDependantCmdLine: c.ShellDependantCmdLine, FlagsUsed: c.FlagsUsed}, bk: c}
	case *instructions.CmdCommand:
		return &CmdCommand{ShellDependantCmdLine: c.ShellDependantCmdLine}
	case *instructions.EntrypointCommand:
		return &EntrypointCommand{ShellDependantCmdLine: c.ShellDependantCmdLine}
	case *instructions.CopyCommand:
		return &CopyCommand{SourcesAndDest: c.SourcesAndDest, From: c.From, Chown: c.Chown, Chmod: c.Chmod,
			Link: c.Link, ExcludePatterns: c.ExcludePatterns, Parents: c.Parents}
	case *instructions.AddCommand:
		return &AddCommand{SourcesAndDest: c.SourcesAndDest, Chown: c.Chown, Chmod: c.Chmod, Link: c.Link,
			ExcludePatterns: c.ExcludePatterns, KeepGitDir: c.KeepGitDir, Checksum: c.Checksum, Unpack: c.Unpack}
	case *instructions.EnvCommand:
		return &EnvCommand{Env: c.Env}
	case *instructions.ArgCommand:
		return &ArgCommand{Args: c.Args}
	case *instructions.LabelCommand:
		return &LabelCommand{Labels: c.Labels}
	case *instructions.ExposeCommand:
		return &ExposeCommand{Ports: c.Ports}
	case *instructions.UserCommand:
		return &UserCommand{User: c.User}
	case *instructions.WorkdirCommand:
		return &WorkdirCommand{Path: c.Path}
	case *instructions.VolumeCommand:
		return &VolumeCommand{Volumes: c.Volumes}
	case *instructions.HealthCheckCommand:
		return &HealthCheckCommand{Health: c.Health}
	case *instructions.ShellCommand:
		return &ShellCommand{Shell: c.Shell}
	case *instructions.StopSignalCommand:
		return &StopSignalCommand{Signal: c.Signal}
	case *instructions.MaintainerCommand:
		return &MaintainerCommand{Maintainer: c.Maintainer}
	case *instructions.OnbuildCommand:
		return &OnbuildCommand{Expression: c.Expression}
	}
	return nil // ParseInstructionWithLinter returns one of the above or an error
}

// lowerOrdinary lowers an instruction BuildKit accepts, written the usual
// way, exactly as BuildKit would; nil means "ask BuildKit". It must not
// raise a lint warning before it knows it will succeed.
func (b *builder) lowerOrdinary(node *parser.Node) any {
	switch k := keywordKind(node.Value); k {
	case KindFrom:
		return b.lowerFrom(node)
	case KindRun:
		if len(node.Flags) > 0 {
			return nil // --mount and friends: BuildKit's hooks read them
		}
		// BFlags.Used() of no flags is an empty slice, not nil.
		return &loweredRun{cmd: &RunCommand{ShellDependantCmdLine: shellCmdLine(node, false), FlagsUsed: []string{}}}
	case KindCmd, KindEntrypoint:
		if len(node.Flags) > 0 {
			return nil
		}
		if k == KindCmd {
			return &CmdCommand{ShellDependantCmdLine: shellCmdLine(node, false)}
		}
		return &EntrypointCommand{ShellDependantCmdLine: shellCmdLine(node, true)}
	case KindCopy:
		return lowerCopy(node)
	case KindAdd:
		return lowerAdd(node)
	case KindEnv, KindLabel:
		if len(node.Flags) > 0 {
			return nil
		}
		kvs := keyValuePairs(node)
		if kvs == nil {
			return nil
		}
		if k == KindEnv {
			return &EnvCommand{Env: kvs}
		}
		return &LabelCommand{Labels: kvs}
	case KindArg:
		return b.lowerArg(node)
	case KindUser, KindWorkdir:
		arg, ok := singleArg(node)
		if !ok || len(node.Flags) > 0 {
			return nil
		}
		if k == KindUser {
			return &UserCommand{User: arg}
		}
		return &WorkdirCommand{Path: arg}
	case KindStopSignal:
		// BuildKit does not read STOPSIGNAL's flags at all.
		if arg, ok := singleArg(node); ok {
			return &StopSignalCommand{Signal: arg}
		}
	case KindExpose:
		args := nodeArgs(node)
		if len(args) == 0 || len(node.Flags) > 0 {
			return nil
		}
		slices.Sort(args)
		return &ExposeCommand{Ports: args}
	case KindVolume:
		return lowerVolume(node)
	case KindHealthcheck:
		return lowerHealthcheck(node)
	case KindShell:
		args := nodeArgs(node)
		if len(args) == 0 || len(node.Flags) > 0 || !node.Attributes["json"] {
			return nil
		}
		return &ShellCommand{Shell: args}
	}
	// ONBUILD and MAINTAINER are rare; unknown keywords are errors.
	return nil
}

// keywordKind is the kind BuildKit dispatches node.Value to: its
// strings.ToLower, which is not a case fold ("ENTRYPOİNT" is an
// ENTRYPOINT, "ſhell" is unknown).
func keywordKind(v string) Kind {
	switch bkparse.LowerCommand(v) {
	case command.From:
		return KindFrom
	case command.Run:
		return KindRun
	case command.Cmd:
		return KindCmd
	case command.Entrypoint:
		return KindEntrypoint
	case command.Copy:
		return KindCopy
	case command.Add:
		return KindAdd
	case command.Env:
		return KindEnv
	case command.Arg:
		return KindArg
	case command.Label:
		return KindLabel
	case command.Expose:
		return KindExpose
	case command.User:
		return KindUser
	case command.Workdir:
		return KindWorkdir
	case command.Volume:
		return KindVolume
	case command.Healthcheck:
		return KindHealthcheck
	case command.Shell:
		return KindShell
	case command.StopSignal:
		return KindStopSignal
	case command.Onbuild:
		return KindOnbuild
	case command.Maintainer:
		return KindMaintainer
	}
	return KindUnknown
}

// nodeArgs is BuildKit's nodeArgs: the argument words, a sub-command's
// (ONBUILD's) flattened in.
func nodeArgs(node *parser.Node) []string {
	n := 0
	for a := node.Next; a != nil; a = a.Next {
		if len(a.Children) > 0 {
			return nestedArgs(node)
		}
		n++
	}
	out := make([]string, 0, n)
	for a := node.Next; a != nil; a = a.Next {
		out = append(out, a.Value)
	}
	return out
}

func nestedArgs(node *parser.Node) []string {
	result := []string{}
	for ; node.Next != nil; node = node.Next {
		arg := node.Next
		if len(arg.Children) == 0 {
			result = append(result, arg.Value)
		} else if len(arg.Children) == 1 {
			result = append(result, arg.Children[0].Value)
			result = append(result, nestedArgs(arg.Children[0])...)
		}
	}
	return result
}

// singleArg is the only argument, when there is exactly one.
func singleArg(node *parser.Node) (string, bool) {
	a := node.Next
	if a == nil || a.Next != nil || len(a.Children) > 0 {
		return "", false
	}
	return a.Value, true
}

// shellCmdLine is BuildKit's parseShellDependentCommand.
func shellCmdLine(node *parser.Node, emptyAsNil bool) instructions.ShellDependantCmdLine {
	var files []instructions.ShellInlineFile
	if len(node.Heredocs) > 0 {
		files = make([]instructions.ShellInlineFile, len(node.Heredocs))
		for i, h := range node.Heredocs {
			files[i] = instructions.ShellInlineFile{Name: h.Name, Data: h.Content, Chomp: h.Chomp}
		}
	}
	json := node.Attributes["json"]
	args := nodeArgs(node)
	if len(args) > 1 && !json {
		// The shell form is one string (the parser gives one word).
		args = []string{strings.Join(args, " ")}
	}
	if emptyAsNil && len(args) == 0 {
		args = nil
	}
	return instructions.ShellDependantCmdLine{CmdLine: args, Files: files, PrependShell: !json}
}

// keyValuePairs is BuildKit's parseKvps over the parser's (key, value,
// delimiter) triples; nil when BuildKit would refuse them.
func keyValuePairs(node *parser.Node) instructions.KeyValuePairs {
	args := nodeArgs(node)
	if len(args) == 0 || len(args)%3 != 0 {
		return nil
	}
	kvs := make(instructions.KeyValuePairs, 0, len(args)/3)
	for j := 0; j < len(args); j += 3 {
		if args[j] == "" {
			return nil
		}
		kvs = append(kvs, instructions.KeyValuePair{Key: args[j], Value: args[j+1], NoDelim: args[j+2] == ""})
	}
	return kvs
}

func (b *builder) lowerFrom(node *parser.Node) any {
	args := nodeArgs(node)
	name := ""
	switch {
	case len(args) == 3 && strings.EqualFold(args[1], "as"):
		name = strings.ToLower(args[2])
		if !validStageName(name) {
			return nil
		}
	case len(args) != 1:
		return nil
	}
	var platform flagValue
	if !readFlags(node.Flags, []flagSpec{{"platform", flagString}}, []*flagValue{&platform}) {
		return nil
	}
	// The lint checks BuildKit runs on FROM, in its order.
	if len(args) == 3 && args[2] != strings.ToLower(args[2]) {
		b.warn(node, &linter.RuleStageNameCasing, linter.RuleStageNameCasing.Format(args[2]))
	}
	if !fromAsCaseMatches(node.Value, args) {
		b.warn(node, &linter.RuleFromAsCasing, linter.RuleFromAsCasing.Format(node.Value, args[1]))
	}
	if name != "" {
		b.checkDescription(node, "FROM", name)
	}
	return &stageCommand{Name: name, BaseName: args[0], Platform: platform.value}
}

// validStageName is BuildKit's ^[a-z][a-z0-9-_.]*$.
func validStageName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// fromAsCaseMatches is BuildKit's doesFromCaseMatchAsCase.
func fromAsCaseMatches(from string, args []string) bool {
	if len(args) < 3 {
		return true
	}
	lower := from == strings.ToLower(from)
	upper := from == strings.ToUpper(from)
	switch {
	case lower:
		return args[1] == strings.ToLower(args[1])
	case upper:
		return args[1] == strings.ToUpper(args[1])
	}
	return true
}

func (b *builder) lowerArg(node *parser.Node) any {
	// BuildKit does not read ARG's flags at all.
	args := nodeArgs(node)
	if len(args) == 0 {
		return nil
	}
	pairs := make([]instructions.KeyValuePairOptional, len(args))
	var values []string // the defaults, one allocation for all
	for i, arg := range args {
		key, value, ok := strings.Cut(arg, "=")
		if ok {
			if key == "" {
				return nil
			}
			if values == nil {
				values = make([]string, len(args))
			}
			values[i] = value
			pairs[i].Value = &values[i]
		}
		pairs[i].Key = key
		pairs[i].DocComment = docComment(node.PrevComment, key)
	}
	if len(node.PrevComment) > 0 {
		example := pairs[0].Key
		if len(pairs) > 1 {
			example = "<arg_key>"
		}
		described := false
		for _, p := range pairs {
			described = described || describes(node, p.Key)
		}
		if !described {
			b.warn(node, &linter.RuleInvalidDefinitionDescription, linter.RuleInvalidDefinitionDescription.Format("ARG", example))
		}
	}
	return &ArgCommand{Args: pairs}
}

// checkDescription is BuildKit's validateDefinitionDescription for one
// defined name.
func (b *builder) checkDescription(node *parser.Node, instruction, name string) {
	if len(node.PrevComment) == 0 || describes(node, name) {
		return
	}
	b.warn(node, &linter.RuleInvalidDefinitionDescription, linter.RuleInvalidDefinitionDescription.Format(instruction, name))
}

// describes reports whether the comment right above node starts with
// name, as a description comment must.
func describes(node *parser.Node, name string) bool {
	last := node.PrevComment[len(node.PrevComment)-1]
	first, _, _ := strings.Cut(last, " ")
	return first == name
}

// docComment is BuildKit's getDocComment: the text after "name " on the
// first comment line starting so.
func docComment(comments []string, name string) string {
	if name == "" {
		return ""
	}
	for _, line := range comments {
		if len(line) > len(name) && line[len(name)] == ' ' && line[:len(name)] == name {
			return line[len(name)+1:]
		}
	}
	return ""
}

var copyFlags = []flagSpec{{"chown", flagString}, {"from", flagString}, {"chmod", flagString},
	{"link", flagBool}, {"exclude", flagStrings}, {"parents", flagBool}}

func lowerCopy(node *parser.Node) any {
	args := nodeArgs(node)
	if len(args) < 2 {
		return nil
	}
	var chown, from, chmod, link, exclude, parents flagValue
	if !readFlags(node.Flags, copyFlags, []*flagValue{&chown, &from, &chmod, &link, &exclude, &parents}) {
		return nil
	}
	sd, ok := sourcesAndDest(node, args)
	if !ok {
		return nil
	}
	return &CopyCommand{SourcesAndDest: sd, From: from.value, Chown: chown.value, Chmod: chmod.value,
		Link: link.on, ExcludePatterns: exclude.values, Parents: parents.on}
}

var addFlags = []flagSpec{{"chown", flagString}, {"chmod", flagString}, {"link", flagBool},
	{"keep-git-dir", flagBool}, {"checksum", flagString}, {"unpack", flagBool}, {"exclude", flagStrings}}

func lowerAdd(node *parser.Node) any {
	args := nodeArgs(node)
	if len(args) < 2 {
		return nil
	}
	var chown, chmod, link, keepGit, checksum, unpack, exclude flagValue
	if !readFlags(node.Flags, addFlags, []*flagValue{&chown, &chmod, &link, &keepGit, &checksum, &unpack, &exclude}) {
		return nil
	}
	sd, ok := sourcesAndDest(node, args)
	if !ok {
		return nil
	}
	return &AddCommand{SourcesAndDest: sd, Chown: chown.value, Chmod: chmod.value, Link: link.on,
		KeepGitDir: keepGit.boolPtr(), Checksum: checksum.value, Unpack: unpack.boolPtr(), ExcludePatterns: exclude.values}
}

// sourcesAndDest is BuildKit's parseSourcesAndDest; false when it would
// refuse the destination.
func sourcesAndDest(node *parser.Node, args []string) (instructions.SourcesAndDest, bool) {
	srcs, dest := args[:len(args)-1], args[len(args)-1]
	if mayBeHeredoc(dest) && parser.MustParseHeredoc(dest) != nil {
		return instructions.SourcesAndDest{}, false
	}
	sd := instructions.SourcesAndDest{DestPath: dest}
	heredocs := false
	for _, src := range srcs {
		heredocs = heredocs || mayBeHeredoc(src)
	}
	if !heredocs {
		sd.SourcePaths = srcs[:len(srcs):len(srcs)]
		return sd, true
	}
	for _, src := range srcs {
		h := (*parser.Heredoc)(nil)
		if mayBeHeredoc(src) {
			h = parser.MustParseHeredoc(src)
		}
		if h == nil {
			sd.SourcePaths = append(sd.SourcePaths, src)
			continue
		}
		content := heredocContent(node.Heredocs, h.Name)
		if h.Chomp {
			content = parser.ChompHeredocContent(content)
		}
		sd.SourceContents = append(sd.SourceContents, instructions.SourceContent{Data: content, Path: h.Name, Expand: h.Expand})
	}
	return sd, true
}

// mayBeHeredoc is false for a word BuildKit's heredoc pattern
// ^(\d*)<<(-?)\s*([^<]*)$ cannot match, spared the regexp.
func mayBeHeredoc(word string) bool { return strings.Contains(word, "<<") }

// heredocContent is the body of the named heredoc (the last of that
// name, as BuildKit's lookup map keeps), or "".
func heredocContent(docs []parser.Heredoc, name string) string {
	for i := len(docs) - 1; i >= 0; i-- {
		if docs[i].Name == name {
			return docs[i].Content
		}
	}
	return ""
}

func lowerVolume(node *parser.Node) any {
	args := nodeArgs(node)
	if len(args) == 0 || len(node.Flags) > 0 {
		return nil
	}
	for i, v := range args {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil
		}
		args[i] = v
	}
	return &VolumeCommand{Volumes: args}
}

// lowerHealthcheck handles HEALTHCHECK NONE and CMD without flags; the
// durations and retries of the flags are left to BuildKit.
func lowerHealthcheck(node *parser.Node) any {
	args := nodeArgs(node)
	if len(args) == 0 {
		return nil
	}
	typ := strings.ToUpper(args[0])
	if typ == "NONE" {
		// BuildKit does not read NONE's flags.
		if len(args) != 1 {
			return nil
		}
		return &HealthCheckCommand{Health: &dockerspec.HealthcheckConfig{Test: []string{typ}}}
	}
	if typ != "CMD" || len(args) == 1 || len(node.Flags) > 0 {
		return nil
	}
	json := node.Attributes["json"]
	test := make([]string, 0, len(args))
	if json {
		test = append(test, typ)
		test = append(test, args[1:]...)
	} else {
		test = append(test, "CMD-SHELL", strings.Join(args[1:], " "))
	}
	return &HealthCheckCommand{Health: &dockerspec.HealthcheckConfig{Test: test}}
}

// linter is the file's BuildKit linter, made on the first warning (most
// files raise none).
func (b *builder) linter() *linter.Linter {
	if b.lint == nil {
		b.lint = linter.New(&linter.Config{ExperimentalAll: true, Warn: b.addWarning})
	}
	return b.lint
}

func (b *builder) addWarning(rule, _, _, msg string, loc []parser.Range) {
	b.f.BuildKitWarnings = append(b.f.BuildKitWarnings, BuildKitWarning{Rule: rule, Message: sanitize(msg), Range: fromRanges(loc)})
}

// warn raises a lint warning on node the way ParseInstructionWithLinter
// does: a `# check=` comment above the instruction can skip it.
func (b *builder) warn(node *parser.Node, rule linter.LinterRuleI, msg string) {
	b.linter().WithMergedConfigFromComments(node.PrevComment).Run(rule, node.Location(), msg)
}

// flagKind is a flag's type in BuildKit's BFlags.
type flagKind uint8

const (
	flagString  flagKind = iota // --name=value
	flagBool                    // --name, --name=true, --name=false
	flagStrings                 // --name=value, repeatable
)

type flagSpec struct {
	name string
	kind flagKind
}

// flagValue is one flag's reading: value for a string flag, on for a
// bool, values for a repeatable one; set when given.
type flagValue struct {
	set    bool
	value  string
	on     bool
	values []string
}

// boolPtr is BuildKit's *bool for a bool flag: nil when not given.
func (v *flagValue) boolPtr() *bool {
	if !v.set {
		return nil
	}
	on := v.on
	return &on
}

// readFlags reads --flags written the ordinary way into out (one per
// spec) with BFlags' results; false for anything BuildKit would refuse or
// that takes a rarer path ("--" ending the flags, a repeated flag, a bool
// written other than bare, =true or =false), left to BuildKit itself.
func readFlags(flags []string, spec []flagSpec, out []*flagValue) bool {
	for _, a := range flags {
		if len(a) < 3 || a[0] != '-' || a[1] != '-' {
			return false
		}
		name, value, hasValue := strings.Cut(a[2:], "=")
		i := slices.IndexFunc(spec, func(s flagSpec) bool { return s.name == name })
		if i < 0 {
			return false
		}
		v := out[i]
		if v.set && spec[i].kind != flagStrings {
			return false
		}
		v.set = true
		switch spec[i].kind {
		case flagString:
			if !hasValue {
				return false
			}
			v.value = value
		case flagBool:
			switch {
			case !hasValue || value == "true":
				v.on = true
			case value == "false":
				v.on = false
			default:
				return false
			}
		case flagStrings:
			if !hasValue {
				return false
			}
			v.values = append(v.values, value)
		}
	}
	return true
}
