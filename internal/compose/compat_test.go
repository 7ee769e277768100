package compose

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/dotenv"
	cgloader "github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/schema"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
)

// The model is built from YAML nodes rather than by compose-go's loader
// (which is too slow for a lint budget), so these tests hold it to that
// loader: for every project compose-go accepts, each setting the model
// carries must read the same in both.

func init() {
	// compose-go logs through logrus ("the attribute `version` is
	// obsolete"); the tests want its results, not its advice.
	logrus.SetLevel(logrus.ErrorLevel)
}

// summary renders the settings both models carry, one string per setting,
// in compose-go's canonical form.
type summary map[string]string

func joinAll[T any](xs []T, f func(T) string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, " ; ")
}

func fmtFloat(f float64) string { return strconv.FormatFloat(float64(float32(f)), 'g', -1, 32) }

// projectEnv is what docker compose interpolates with: env, then the
// project's `.env`.
func projectEnv(dir string, env map[string]string) map[string]string {
	environment := map[string]string{}
	maps.Copy(environment, env)
	if dotEnv, err := dotenv.GetEnvFromFile(env, existing(filepath.Join(dir, ".env"))); err == nil {
		for k, v := range dotEnv {
			if _, ok := environment[k]; !ok {
				environment[k] = v
			}
		}
	}
	return environment
}

// referenceSummary loads files with compose-go's loader, the way docker
// compose would with every profile enabled, and summarises its services.
func referenceSummary(t *testing.T, files []string, dir string, env map[string]string) (map[string]summary, error) {
	t.Helper()
	cd := types.ConfigDetails{WorkingDir: dir, Environment: projectEnv(dir, env)}
	for _, f := range files {
		cd.ConfigFiles = append(cd.ConfigFiles, types.ConfigFile{Filename: f})
	}
	p, err := cgloader.LoadWithContext(context.Background(), cd, func(o *cgloader.Options) {
		o.SetProjectName("compat", true)
		o.Profiles = []string{"*"}
		o.SkipResolveEnvironment = true
		o.SkipConsistencyCheck = true
	})
	if err != nil {
		return nil, err
	}
	out := map[string]summary{}
	for name, s := range p.Services {
		out[name] = referenceService(s)
	}
	return out, nil
}

func existing(paths ...string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func referenceService(s types.ServiceConfig) summary {
	sum := summary{
		"image":         s.Image,
		"user":          s.User,
		"privileged":    strconv.FormatBool(s.Privileged),
		"read_only":     strconv.FormatBool(s.ReadOnly),
		"network_mode":  s.NetworkMode,
		"pid":           s.Pid,
		"ipc":           s.Ipc,
		"uts":           s.Uts,
		"userns_mode":   s.UserNSMode,
		"cgroup_parent": s.CgroupParent,
		"restart":       s.Restart,
		"cap_add":       strings.Join(s.CapAdd, " ; "),
		"cap_drop":      strings.Join(s.CapDrop, " ; "),
		"security_opt":  strings.Join(s.SecurityOpt, " ; "),
		"profiles":      strings.Join(s.Profiles, " ; "),
		"tmpfs":         strings.Join(s.Tmpfs, " ; "),
		"mem_limit":     strconv.FormatInt(int64(s.MemLimit), 10),
		"cpus":          fmtFloat(float64(s.CPUS)),
		"cpu_quota":     strconv.FormatInt(s.CPUQuota, 10),
		"cpu_shares":    strconv.FormatInt(s.CPUShares, 10),
		"pids_limit":    strconv.FormatInt(s.PidsLimit, 10),
		"command":       command(s.Command),
		"entrypoint":    command(s.Entrypoint),
	}
	var ports []string
	for _, p := range s.Ports {
		ports = append(ports, fmt.Sprintf("%s|%s|%d|%s|%s", p.HostIP, p.Published, p.Target, p.Protocol, p.Mode))
	}
	// compose-go orders a range's ports as strings ("100/tcp" before
	// "70/tcp"): compare them as a set.
	slices.Sort(ports)
	sum["ports"] = strings.Join(ports, " ; ")
	sum["volumes"] = joinAll(s.Volumes, func(v types.ServiceVolumeConfig) string {
		prop := ""
		if v.Bind != nil {
			prop = v.Bind.Propagation
		}
		return fmt.Sprintf("%s|%s|%s|%t|%s", v.Type, v.Source, v.Target, v.ReadOnly, prop)
	})
	sum["devices"] = joinAll(s.Devices, func(d types.DeviceMapping) string {
		return d.Source + "|" + d.Target + "|" + d.Permissions
	})
	sum["environment"] = joinAll(slices.Sorted(maps.Keys(s.Environment)), func(k string) string {
		if v := s.Environment[k]; v != nil {
			return k + "=" + *v
		}
		return k
	})
	sum["env_file"] = joinAll(s.EnvFiles, func(e types.EnvFile) string { return filepath.Base(e.Path) })
	sum["secrets"] = joinAll(s.Secrets, func(r types.ServiceSecretConfig) string { return r.Source + "|" + r.Target })
	if d := s.Deploy; d != nil {
		if lim := d.Resources.Limits; lim != nil {
			sum["limits"] = fmt.Sprintf("%d|%s|%d", lim.MemoryBytes, fmtFloat(float64(lim.NanoCPUs)), lim.Pids)
		}
		if rp := d.RestartPolicy; rp != nil {
			max := ""
			if rp.MaxAttempts != nil {
				max = strconv.FormatUint(*rp.MaxAttempts, 10)
			}
			sum["restart_policy"] = rp.Condition + "|" + max
		}
	}
	if h := s.HealthCheck; h != nil {
		sum["healthcheck"] = strings.Join(h.Test, "\x00") + "|" + strconv.FormatBool(h.Disable)
	}
	if b := s.Build; b != nil {
		sum["build"] = b.Context + "|" + b.Dockerfile + "|" + b.Target + "|" + joinAll(slices.Sorted(maps.Keys(b.Args)), func(k string) string {
			if v := b.Args[k]; v != nil {
				return k + "=" + *v
			}
			return k
		})
	}
	return sum
}

func command(c types.ShellCommand) string {
	if c == nil {
		return "<unset>"
	}
	return "[" + strings.Join(c, "\x00") + "]"
}

// modelSummary renders the same settings from this package's model.
func modelSummary(s *Service) summary {
	sum := summary{
		"image":         s.Image.Value,
		"user":          s.User.Value,
		"privileged":    strconv.FormatBool(s.Privileged.Value),
		"read_only":     strconv.FormatBool(s.ReadOnly.Value),
		"network_mode":  s.NetworkMode.Value,
		"pid":           s.Pid.Value,
		"ipc":           s.Ipc.Value,
		"uts":           s.Uts.Value,
		"userns_mode":   s.UsernsMode.Value,
		"cgroup_parent": s.CgroupParent.Value,
		"restart":       s.Restart.Value,
		"cap_add":       joinAll(s.CapAdd.Items, value),
		"cap_drop":      joinAll(s.CapDrop.Items, value),
		"security_opt":  joinAll(s.SecurityOpt.Items, value),
		"profiles":      joinAll(s.Profiles.Items, value),
		"tmpfs":         joinAll(s.Tmpfs.Items, value),
		"mem_limit":     strconv.FormatInt(s.MemLimit.Value, 10),
		"cpus":          fmtFloat(s.Cpus.Value),
		"cpu_quota":     strconv.FormatInt(s.CPUQuota.Value, 10),
		"cpu_shares":    strconv.FormatInt(s.CPUShares.Value, 10),
		"pids_limit":    strconv.FormatInt(s.PidsLimit.Value, 10),
		"command":       modelCommand(s.Command),
		"entrypoint":    modelCommand(s.Entrypoint),
	}
	var ports []string
	for _, p := range s.Ports.Items {
		ports = append(ports, expandPort(p)...)
	}
	slices.Sort(ports)
	sum["ports"] = strings.Join(ports, " ; ")
	sum["volumes"] = joinAll(s.Volumes.Items, func(v Volume) string {
		src := v.Source.Value
		if v.Type.Value == "bind" {
			src = v.HostPath
		}
		return fmt.Sprintf("%s|%s|%s|%t|%s", v.Type.Value, src, v.Target.Value, v.ReadOnly.Value, v.Propagation.Value)
	})
	sum["devices"] = joinAll(s.Devices.Items, func(d Device) string {
		perms := d.Permissions.Value
		if perms == "" && d.Raw != "" {
			perms = "rwm"
		}
		return d.Source.Value + "|" + d.Target.Value + "|" + perms
	})
	sum["environment"] = modelVars(s.Environment.Items, false)
	sum["env_file"] = joinAll(s.EnvFile.Items, func(e EnvFile) string { return filepath.Base(e.Path.Value) })
	sum["secrets"] = joinAll(s.Secrets.Items, func(r SecretRef) string { return r.Source.Value + "|" + r.Target.Value })
	if lim := s.Deploy.Resources.Limits; lim.Set {
		sum["limits"] = fmt.Sprintf("%d|%s|%d", lim.Memory.Value, fmtFloat(lim.Cpus.Value), lim.Pids.Value)
	}
	if rp := s.Deploy.RestartPolicy; rp.Set {
		max := ""
		if rp.MaxAttempts.Set {
			max = strconv.FormatInt(rp.MaxAttempts.Value, 10)
		}
		sum["restart_policy"] = rp.Condition.Value + "|" + max
	}
	if h := s.Healthcheck; h.Set {
		sum["healthcheck"] = strings.Join(h.Test.Args, "\x00") + "|" + strconv.FormatBool(h.Disable.Value)
	}
	if b := s.Build; b.Set {
		ctx := b.ContextDir
		if ctx == "" {
			ctx = b.Context.Value
		}
		sum["build"] = ctx + "|" + b.Dockerfile.Value + "|" + b.Target.Value + "|" + modelVars(b.Args.Items, true)
	}
	return sum
}

func value(f Field[string]) string { return f.Value }

func modelCommand(c Command) string {
	if !c.Set {
		return "<unset>"
	}
	return "[" + strings.Join(c.Args, "\x00") + "]"
}

// modelVars renders vars as compose-go does: sorted, a name without a value
// taking the environment's value when there is one; build args without one
// (dropUnset) are left out.
func modelVars(vs []Var, dropUnset bool) string {
	m := map[string]string{}
	for _, v := range vs {
		switch {
		case v.Kind != ValueFromHost || v.Value != "":
			m[v.Name] = v.Name + "=" + v.Value
		case !dropUnset:
			m[v.Name] = v.Name
		}
	}
	return joinAll(slices.Sorted(maps.Keys(m)), func(k string) string { return m[k] })
}

// expandPort renders a port as compose-go's canonical list, where a
// container port range becomes one entry per port.
func expandPort(p Port) []string {
	lo, hi, ok := p.TargetRange()
	if !ok {
		return []string{"<bad>"}
	}
	if lo == hi {
		return []string{fmt.Sprintf("%s|%s|%d|%s|%s", p.HostIP.Value, p.Published.Value, lo, p.Protocol.Value, p.Mode.Value)}
	}
	plo, _, hasPublished := p.PublishedRange()
	var out []string
	for i := 0; i <= hi-lo; i++ {
		pub := ""
		if hasPublished {
			pub = strconv.Itoa(plo + i)
		}
		out = append(out, fmt.Sprintf("%s|%s|%d|%s|%s", p.HostIP.Value, pub, lo+i, p.Protocol.Value, p.Mode.Value))
	}
	return out
}

// compareWithReference loads files with both loaders and reports every
// setting that differs. It returns false when compose-go refuses the
// project, in which case nothing is compared.
func compareWithReference(t *testing.T, files []string, dir string, env map[string]string) bool {
	t.Helper()
	want, err := referenceSummary(t, files, dir, env)
	if err != nil {
		return false
	}
	p, err := Load(Options{Files: files, Dir: dir, Env: env})
	if err != nil {
		t.Errorf("%s: compose-go loads it, Load fails: %v", files[0], err)
		return true
	}
	if len(p.Services) != len(want) {
		t.Errorf("%s: %d services, compose-go has %d", files[0], len(p.Services), len(want))
	}
	for _, s := range p.Services {
		ref, ok := want[s.Name]
		if !ok {
			t.Errorf("%s: service %s is not in compose-go's project", files[0], s.Name)
			continue
		}
		got := modelSummary(s)
		for _, k := range slices.Sorted(maps.Keys(ref)) {
			if got[k] != ref[k] {
				t.Errorf("%s: service %s: %s = %.300q, compose-go says %.300q", files[0], s.Name, k, got[k], ref[k])
			}
		}
	}
	return true
}

var fixtureEnv = map[string]string{"API_KEY": "k-123", "HOSTVAR": "from-host", "PG_PASSWORD": "pg"}

// TestMatchesComposeGoOnFixtures compares the model with compose-go's on
// the fixture projects: overrides, anchors and merge keys, `.env`,
// `extends` in the same and in another file, `!reset`, `!override` and
// documents merged within one file.
func TestMatchesComposeGoOnFixtures(t *testing.T) {
	for _, tc := range []struct {
		dir   string
		files []string
	}{
		{"overrides", []string{"compose.yaml", "compose.override.yaml"}},
		{"extends", []string{"compose.yaml"}},
		{"tags", []string{"compose.yaml"}},
		{"include", []string{"compose.yaml"}},
	} {
		dir, err := filepath.Abs(filepath.Join("testdata", "projects", tc.dir))
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, f := range tc.files {
			files = append(files, filepath.Join(dir, f))
		}
		if !compareWithReference(t, files, dir, fixtureEnv) {
			_, err := referenceSummary(t, files, dir, fixtureEnv)
			t.Errorf("%s: compose-go refuses the fixture: %v", tc.dir, err)
		}
	}
}

// TestMatchesComposeGoOnKICS compares the models of every KICS case that
// compose-go accepts.
func TestMatchesComposeGoOnKICS(t *testing.T) {
	compared := 0
	for _, c := range kicsCases(t) {
		path, dir := writeCase(t, c)
		if compareWithReference(t, []string{path}, dir, nil) {
			compared++
		}
	}
	t.Logf("compared %d KICS cases with compose-go", compared)
	if compared < 100 {
		t.Errorf("compose-go accepted only %d KICS cases, want at least 100", compared)
	}
}

// TestRefusalsAreWarned: every KICS case compose-go refuses has a warning,
// except for the cross-service consistency checks the model leaves to the
// rules (a depends_on naming no service).
func TestRefusalsAreWarned(t *testing.T) {
	refused := 0
	for _, c := range kicsCases(t) {
		path, dir := writeCase(t, c)
		_, err := referenceSummary(t, []string{path}, dir, nil)
		if err == nil {
			continue
		}
		refused++
		p, lerr := Load(Options{Files: []string{path}})
		if lerr != nil {
			t.Errorf("%s: %v", c.Case, lerr)
			continue
		}
		if len(p.Warnings) == 0 {
			t.Errorf("%s: compose-go refuses it (%v); no warning", c.Case, err)
		}
	}
	if refused != 5 {
		t.Errorf("compose-go refused %d KICS cases, want 5", refused)
	}
}

// TestKnownKeysMatchSchema holds the key lists of schema.go to the compose
// specification's JSON schema that compose-go embeds.
func TestKnownKeysMatchSchema(t *testing.T) {
	var spec struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal([]byte(schema.Schema), &spec); err != nil {
		t.Fatal(err)
	}
	// props gathers a definition's properties, through $ref and allOf.
	var props func(raw json.RawMessage) map[string]bool
	props = func(raw json.RawMessage) map[string]bool {
		var def struct {
			Ref        string                     `json:"$ref"`
			AllOf      []json.RawMessage          `json:"allOf"`
			Properties map[string]json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal(raw, &def); err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		if def.Ref != "" {
			maps.Copy(out, props(spec.Defs[strings.TrimPrefix(def.Ref, "#/$defs/")]))
		}
		for _, a := range def.AllOf {
			maps.Copy(out, props(a))
		}
		for k := range def.Properties {
			out[k] = true
		}
		return out
	}
	top := map[string]bool{}
	for k := range spec.Properties {
		top[k] = true
	}
	for _, tc := range []struct {
		name      string
		got, want map[string]bool
	}{
		{"top level", topLevelKeys, top},
		{"service", serviceKeys, props(spec.Defs["service"])},
	} {
		if !maps.Equal(tc.got, tc.want) {
			t.Errorf("%s keys:\n got %v\nwant %v", tc.name, slices.Sorted(maps.Keys(tc.got)), slices.Sorted(maps.Keys(tc.want)))
		}
	}
}
