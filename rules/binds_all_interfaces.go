package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BindsAllInterfaces: CMD/ENTRYPOINT tells a service to listen on 0.0.0.0.
var BindsAllInterfaces = &Rule{
	ID:       "DKS6002",
	Name:     "binds-all-interfaces",
	Title:    "Service told to listen on all interfaces",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"B104", "hardcoded_bind_all_interfaces"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1190, t.T1046, t.T1499},
		CIS:      []*t.CISItem{t.CIS5_9},
		CWE:      []*t.CWE{t.CWE1327},
		Controls: []*t.Control{t.Top10_A05, t.NIST53_SC7, t.NIST190_4_4_2},
	},
	Doc: Doc{
		Vulnerability: "Service binds all interfaces",
		Mitigation:    "Bind to the needed interface; publish only needed ports.",

		Rationale: "Binding to 0.0.0.0 (bandit's B104) makes the service reachable on every network the " +
			"container is attached to, not only through the port mapping the operator chose. Inside a " +
			"container this is often required, which is why this is informational: make sure the port is " +
			"published deliberately and that admin or debug endpoints are not on the same listener. In a " +
			"compose project the port mapping decides: published on one address (`127.0.0.1:5000:5000`) the " +
			"bind is correct and stays info; published on every interface it is reported once, at the " +
			"`ports:` line (DKS6101), naming where the application binds. The rule reads CMD and ENTRYPOINT, " +
			"the image's command, a compose service's command and the application code " +
			"(`app.run(host=\"0.0.0.0\")`, `sock.bind((\"0.0.0.0\", 8080))`).",
		Impact: "Service reachable from every network, open to scanning and DoS",
		Fix:    "Bind to a specific interface where possible (127.0.0.1 for sidecar-only services), and publish only the ports clients need; keep debug and admin listeners on localhost.",
		Bad: append(append(Dockerfiles("FROM python:3.12-slim\nCMD [\"flask\", \"run\", \"--host=0.0.0.0\"]\n"),
			ComposeFiles("services:\n  api:\n    image: api:1.2\n    command: flask run --host=0.0.0.0\n")...),
			Code("from flask import Flask\n\napp = Flask(__name__)\napp.run(host=\"0.0.0.0\", port=5000)\n")...),
		Good: append(append(Dockerfiles("FROM python:3.12-slim\nCMD [\"flask\", \"run\", \"--host=127.0.0.1\"]\n"),
			ComposeFiles("services:\n  api:\n    image: api:1.2\n    command: [\"flask\", \"run\", \"--host=127.0.0.1\"]\n")...),
			Code("import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\napp.run(host=os.environ.get(\"BIND_HOST\", \"127.0.0.1\"), port=5000)\n")...),
		Refs: []string{"https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCmd, dockerfile.KindEntrypoint}, Check: checkBindsAllInterfaces},
		ImageConfigCheck{Check: checkBindsAllInterfacesImage},
		ComposeServiceCheck{Check: checkBindsAllInterfacesService},
		PythonCheck{Nodes: []PythonNode{PyString}, Check: checkBindsAllInterfacesCode},
	},
}

// checkBindsAllInterfacesService: a service's command or entrypoint tells
// it to listen on 0.0.0.0. Run's correlation step reports it at the ports
// line instead when a port publishes it on every host interface.
func checkBindsAllInterfacesService(p *ComposePass, s *compose.Service) {
	for _, c := range []struct {
		key string
		cmd *compose.Command
	}{{"entrypoint", &s.Entrypoint}, {"command", &s.Command}} {
		// The words may be interpolated: the message names the key only.
		if _, ok := ListensOnAllInterfaces(c.cmd.Args); ok {
			p.Reportf(s, c.cmd.Pos, "%s makes it listen on all interfaces", c.key)
			return
		}
	}
}

// ListensOnAllInterfaces returns the first word of a command that tells a
// server to listen on every interface (0.0.0.0, ::, --host=0.0.0.0), if
// any. Words are split further at white space, for `sh -c` strings.
func ListensOnAllInterfaces(args []string) (string, bool) {
	for _, a := range args {
		for _, w := range strings.Fields(a) {
			if bindsAll(w) {
				return w, true
			}
		}
	}
	return "", false
}

// checkBindsAllInterfacesCode: the all-interfaces address in a string the
// code uses (bandit's B104).
func checkBindsAllInterfacesCode(p *CodePass, n python.Node) {
	if c := n.(*python.Constant); c.Value == "0.0.0.0" && !isDocstring(p) {
		p.Reportf(c, "\"0.0.0.0\" is the all-interfaces address: a service bound to it listens on every network the container joins")
	}
}

func checkBindsAllInterfaces(p *Pass, in dockerfile.Instruction) {
	if !p.IsShipped(in.Stage()) {
		return
	}
	for _, a := range commandWords(in) {
		if bindsAll(a) {
			p.Reportf(in.Range(), "%s makes the service listen on all interfaces (%s)", in.Kind(), a)
			return
		}
	}
}

// checkBindsAllInterfacesImage: Entrypoint or Cmd tells the service to listen on 0.0.0.0.
func checkBindsAllInterfacesImage(p *ImagePass, img *image.Image) {
	c := img.Config.Config
	for _, argv := range [][]string{c.Entrypoint, c.Cmd} {
		if w, ok := ListensOnAllInterfaces(argv); ok {
			p.Reportf("the image's command makes the service listen on all interfaces (%s)", w)
			return
		}
	}
}

// commandWords splits a CMD/ENTRYPOINT into words, whatever its form.
func commandWords(in dockerfile.Instruction) []string {
	var line []string
	switch x := in.(type) {
	case *dockerfile.Cmd:
		line = x.Cmd.CmdLine
	case *dockerfile.Entrypoint:
		line = x.Cmd.CmdLine
	default:
		return nil
	}
	var words []string
	for _, l := range line {
		words = append(words, strings.Fields(l)...)
	}
	return words
}

func bindsAll(word string) bool {
	w := strings.Trim(word, `"'`)
	if i := strings.LastIndexByte(w, '='); i >= 0 {
		w = w[i+1:]
	}
	for _, any := range []string{"0.0.0.0", "[::]", "::"} {
		if w == any || strings.HasPrefix(w, any+":") {
			return true
		}
	}
	return strings.HasPrefix(w, "tcp://0.0.0.0") || strings.HasPrefix(w, "http://0.0.0.0")
}
