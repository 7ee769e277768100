package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/rules"
)

// builtDockerfile is a Dockerfile's lint result as a compose build made
// it: the model is kept for these alone, to tell which instruction a
// finding is on.
type builtDockerfile struct {
	res   *Result
	model *dockerfile.File
	build *build
}

// appBindRules are the rules whose findings say where an application
// listens on every interface: a CMD or ENTRYPOINT, a service's command.
var appBindRules = []*rules.Rule{rules.BindsAllInterfaces}

// correlate weighs each compose service's settings against the findings
// of the Dockerfile it builds, and ties an application's bind to the ports
// that publish it. It is the one place where the findings of one input
// change with another's settings:
//
//   - a Dockerfile finding names the services that build the Dockerfile;
//   - runs-as-root becomes info, "mitigated by compose `user:`", when every
//     service sets a user that is not root;
//   - a missing HEALTHCHECK is dropped when every service defines a
//     `healthcheck:`, and a shell-form HEALTHCHECK when every service
//     replaces it;
//   - shell-form and bind findings on CMD or ENTRYPOINT are dropped when
//     every service replaces that instruction (`command:`, or `entrypoint:`,
//     which also discards the image's CMD);
//   - an application that listens on every interface (its Dockerfile's
//     command or the service's) behind a port published on every host
//     interface is reported once, at the `ports:` line, the port finding
//     naming where the application binds; the bind finding goes. Behind a
//     port published on one address the bind is correct and stays info.
func correlate(dfs []builtDockerfile, composes []ComposeResult) {
	c := &correlation{drop: map[*Result]map[int]bool{}, binds: map[*compose.Service][]*bindRef{}}
	for _, df := range dfs {
		c.weighServices(df)
	}
	for i := range composes {
		c.publishBinds(&composes[i])
	}
	// A Dockerfile's bind finding goes once every service it stands for
	// reported it at its ports line.
	for _, r := range c.refs {
		if r.services > 0 && r.merged == r.services {
			c.dropFinding(r.res, r.index)
		}
	}
	for res, idx := range c.drop {
		res.Findings = deleteIndexes(res.Findings, idx)
	}
}

// correlation is one run of correlate. Findings are dropped at the end,
// so indexes into a result stay valid throughout.
type correlation struct {
	drop map[*Result]map[int]bool
	// binds are, per service, the Dockerfile findings that say its
	// application listens on every interface.
	binds map[*compose.Service][]*bindRef
	refs  []*bindRef
}

func (c *correlation) dropFinding(res *Result, i int) {
	if c.drop[res] == nil {
		c.drop[res] = map[int]bool{}
	}
	c.drop[res][i] = true
}

// bindRef is a Dockerfile finding that says where an application binds
// every interface, as evidence for the services that run it.
type bindRef struct {
	res   *Result
	index int
	// services counts the services it is evidence for; merged, those
	// whose ports finding now names it.
	services, merged int
}

// where names the bind for a ports finding: its file and line.
func (r *bindRef) where() string {
	fd := &r.res.Findings[r.index]
	return fmt.Sprintf("%s:%d", fd.File, fd.Line)
}

// weighServices applies a build's services' settings to the findings of
// the Dockerfile they build, and files its bind findings as evidence.
func (c *correlation) weighServices(df builtDockerfile) {
	bd, res := df.build, df.res
	names := bd.serviceNames()
	for i := range res.Findings {
		fd := &res.Findings[i]
		fd.Service = names
		kind := instructionAt(df.model, fd.Line)
		runs := func(s *compose.Service) bool { return !replaces(s, kind) }
		switch {
		case fd.Rule == rules.RunsAsRoot:
			if everyService(bd, setsUser) {
				fd.Severity = rules.Info
				fd.Message += fmt.Sprintf("; mitigated by compose `user:` (service %s)", names)
			}
		case fd.Rule == rules.HealthcheckMissing && kind == dockerfile.KindFrom:
			if everyService(bd, hasHealthcheck) {
				c.dropFinding(res, i)
			}
		case fd.Rule == rules.ShellFormCommand || slices.Contains(appBindRules, fd.Rule):
			if !anyService(bd, runs) {
				c.dropFinding(res, i) // every service runs its own command
				continue
			}
			if !slices.Contains(appBindRules, fd.Rule) {
				continue
			}
			ref := &bindRef{res: res, index: i}
			for _, b := range bd.services {
				if runs(b.service) {
					ref.services++
					c.binds[b.service] = append(c.binds[b.service], ref)
				}
			}
			c.refs = append(c.refs, ref)
		}
	}
}

// instructionAt is the kind of the Dockerfile instruction that starts at
// line, 0 when none does (or the model was not kept).
func instructionAt(f *dockerfile.File, line int) dockerfile.Kind {
	if f == nil {
		return 0
	}
	for _, in := range f.Instructions {
		if in.Range().StartLine == line {
			return in.Kind()
		}
	}
	return 0
}

// replaces reports whether service s replaces the instruction of kind in
// the image it builds: command replaces CMD, entrypoint replaces
// ENTRYPOINT and discards CMD, healthcheck replaces HEALTHCHECK.
func replaces(s *compose.Service, kind dockerfile.Kind) bool {
	switch kind {
	case dockerfile.KindCmd:
		return s.Command.Set || s.Entrypoint.Set
	case dockerfile.KindEntrypoint:
		return s.Entrypoint.Set
	case dockerfile.KindHealthcheck:
		return s.Healthcheck.Test.Set || s.Healthcheck.Disable.Set
	}
	return false
}

// hasHealthcheck reports a service whose healthcheck runs a test.
func hasHealthcheck(s *compose.Service) bool {
	_, off := s.Healthcheck.Disabled()
	return s.Healthcheck.Test.Set && !off
}

func everyService(bd *build, f func(*compose.Service) bool) bool {
	for _, b := range bd.services {
		if !f(b.service) {
			return false
		}
	}
	return true
}

func anyService(bd *build, f func(*compose.Service) bool) bool {
	for _, b := range bd.services {
		if f(b.service) {
			return true
		}
	}
	return false
}

// setsUser reports a service that runs as a user other than root.
func setsUser(s *compose.Service) bool { return s.User.Set && !rules.IsRootUser(s.User.Value) }

// publishBinds reports, for each service of a compose result with
// evidence that its application listens on every interface, where it
// binds at the ports lines that publish it on every host interface.
func (c *correlation) publishBinds(cr *ComposeResult) {
	if cr.Project == nil {
		return
	}
	for _, s := range cr.Project.Services {
		var ports, own []int
		for i := range cr.Findings {
			switch fd := &cr.Findings[i]; {
			case fd.Service != s.Name:
			case fd.Rule == rules.PortPublishedAllInterfaces:
				ports = append(ports, i)
			case slices.Contains(appBindRules, fd.Rule):
				own = append(own, i)
			}
		}
		refs := c.binds[s]
		if len(ports) == 0 || len(own)+len(refs) == 0 {
			continue
		}
		var where []string
		for _, i := range own {
			where = append(where, fmt.Sprintf("%s:%d", cr.Findings[i].File, cr.Findings[i].Line))
			c.dropFinding(&cr.Result, i)
		}
		for _, r := range refs {
			where = append(where, r.where())
			r.merged++
		}
		for _, i := range ports {
			cr.Findings[i].Message += "; the application listens on all interfaces (" + strings.Join(where, ", ") + ")"
		}
	}
}

// deleteIndexes returns fs without the findings at the given indexes.
func deleteIndexes(fs []rules.Finding, idx map[int]bool) []rules.Finding {
	out := fs[:0]
	for i, fd := range fs {
		if !idx[i] {
			out = append(out, fd)
		}
	}
	return out
}
