// The Python functions that start processes, as bandit's shell_injection
// configuration lists them, and how a call to one reads: the command, and
// whether a shell runs it.

package rules

import (
	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/python"
)

// processKind says how a function starts a process.
type processKind int

const (
	notProcess processKind = iota
	// subprocessCall is a subprocess function whose shell= decides.
	subprocessCall
	// shellCall always runs its command through a shell (os.system).
	shellCall
	// noShellCall replaces or spawns a process without a shell (os.exec*).
	noShellCall
)

// processFuncs maps a function's dotted name to how it starts a process.
var processFuncs = map[string]processKind{
	"subprocess.Popen": subprocessCall, "subprocess.call": subprocessCall, "subprocess.check_call": subprocessCall,
	"subprocess.check_output": subprocessCall, "subprocess.run": subprocessCall,

	"os.system": shellCall, "os.popen": shellCall, "os.popen2": shellCall, "os.popen3": shellCall, "os.popen4": shellCall,
	"popen2.popen2": shellCall, "popen2.popen3": shellCall, "popen2.popen4": shellCall, "popen2.Popen3": shellCall,
	"popen2.Popen4": shellCall, "commands.getoutput": shellCall, "commands.getstatusoutput": shellCall,
	"subprocess.getoutput": shellCall, "subprocess.getstatusoutput": shellCall,

	"os.execl": noShellCall, "os.execle": noShellCall, "os.execlp": noShellCall, "os.execlpe": noShellCall,
	"os.execv": noShellCall, "os.execve": noShellCall, "os.execvp": noShellCall, "os.execvpe": noShellCall,
	"os.spawnl": noShellCall, "os.spawnle": noShellCall, "os.spawnlp": noShellCall, "os.spawnlpe": noShellCall,
	"os.spawnv": noShellCall, "os.spawnve": noShellCall, "os.spawnvp": noShellCall, "os.spawnvpe": noShellCall,
	"os.startfile": noShellCall,
}

// processCall is a call that may start a process.
type processCall struct {
	call *python.Call
	name string
	kind processKind
	// shell is the shell= argument, nil when not given.
	shell *python.Keyword
	// command is the first positional argument, else (for subprocess
	// and the wrappers passed shell=) args=; nil when there is none.
	command python.Expr
}

// asProcessCall reads a call as one that may start a process: one of
// processFuncs, or any call passed shell= (a wrapper of subprocess).
func asProcessCall(p *CodePass, c *python.Call) (processCall, bool) {
	name := callName(p, c)
	pc := processCall{call: c, name: name, kind: processFuncs[name], shell: keyword(c, "shell")}
	if pc.kind == notProcess && pc.shell == nil {
		return pc, false
	}
	if len(c.Args) > 0 {
		if _, star := c.Args[0].(*python.Starred); !star {
			pc.command = c.Args[0]
		}
	} else if pc.kind == subprocessCall || pc.kind == notProcess {
		// subprocess's parameter, which wrappers passed shell= keep:
		// asyncio's self._start(args=args, shell=shell, …).
		pc.command = c.Keyword("args")
	}
	return pc, true
}

// usesShell reports whether the call runs its command through a shell:
// a shell function, or shell= set to anything bandit would not call false.
func (pc processCall) usesShell() bool {
	if pc.kind == shellCall {
		return true
	}
	return pc.shell != nil && pyTruthy(pc.shell.Value)
}

// fullPathRE matches what bandit calls a full executable path: a drive
// letter, or a leading slash, backslash or dot.
var fullPathRE = lazyre.New(`^(?:[A-Za-z]:|[\\/.])`)
