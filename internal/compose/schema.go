package compose

import (
	"go.yaml.in/yaml/v3"
)

// docker compose validates every file against the compose specification's
// JSON schema. Running that schema here (santhosh-tekuri/jsonschema over
// compose-go's embedded copy) cost as much CPU as parsing the YAML, more
// than a thousand-service file's lint budget allows, and 350 KB of binary.
// So the loader checks what matters to a security lint and is cheap:
// repeated keys (YAML allows them, docker compose refuses them), unknown
// top-level and service keys (a misspelt `read_only` hardens nothing), and,
// as it reads them, the kind of every setting it models.
// TestKnownKeysMatchSchema holds the key lists to the schema.

// topLevelKeys and serviceKeys are the properties the compose schema
// allows at the top level and in a service; `x-` extensions are allowed
// everywhere.
var (
	topLevelKeys = keySet("configs", "include", "jobs", "models", "name", "networks", "secrets", "services", "version", "volumes")
	serviceKeys  = keySet("annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent",
		"command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period",
		"cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop",
		"device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
		"environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
		"hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links", "logging", "mac_address",
		"mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks",
		"oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_start",
		"pre_stop", "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart",
		"runtime", "scale", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
		"storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "umask", "use_api_socket", "user", "userns_mode", "uts",
		"volumes", "volumes_from", "working_dir")
)

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// validate records what docker compose would refuse in document d that
// the model does not otherwise notice: repeated keys anywhere, and unknown
// keys at the top level and in each service.
func (l *loader) validate(d *document) {
	l.repeatedKeys(d, d.root, 0)
	l.unknownKeys(d, d.root, topLevelKeys, "")
	if sp, ok := l.lookup(d.root, "services"); ok {
		if sp.val.Kind != yaml.MappingNode && !isNull(sp.val) {
			l.warn(posOf(d, sp.key), "services must be a mapping, not %s", kindName(sp.val))
			return
		}
		for _, e := range l.pairs(sp.val) {
			switch {
			case e.val.Kind == yaml.MappingNode:
				l.unknownKeys(d, e.val, serviceKeys, "services."+e.key.Value+".")
			case !isNull(e.val) && e.val.Tag != tagReset:
				l.warn(posOf(d, e.key), "services.%s must be a mapping, not %s", e.key.Value, kindName(e.val))
			}
		}
	}
}

// unknownKeys warns of every key of mapping m that is neither in known nor
// an `x-` extension.
func (l *loader) unknownKeys(d *document, m *yaml.Node, known map[string]bool, path string) {
	for _, p := range l.pairs(m) {
		k := p.key.Value
		if !known[k] && !(len(k) > 2 && k[:2] == "x-") {
			l.warn(posOf(d, p.key), "%s%s is not a compose key", path, k)
		}
	}
}

// repeatedKeys warns of every key written twice in one mapping below n.
// Aliases are not followed: what they name is checked where it is written.
func (l *loader) repeatedKeys(d *document, n *yaml.Node, depth int) {
	if depth > maxNesting {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		var seen map[string]int // only for large mappings; small ones are scanned
		if len(n.Content) > 64 {
			seen = make(map[string]int, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.ScalarNode && !isMergeKey(k) {
				if line := earlierKey(n, i, seen); line > 0 {
					l.warn(posOf(d, k), "key %q repeats the one on line %d", k.Value, line)
				}
			}
			l.repeatedKeys(d, n.Content[i+1], depth+1)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			l.repeatedKeys(d, c, depth+1)
		}
	}
}

// earlierKey returns the line of a key before index i of mapping n with
// the same name as n.Content[i], or 0. seen, when not nil, indexes the keys
// before i and is updated.
func earlierKey(n *yaml.Node, i int, seen map[string]int) int {
	k := n.Content[i]
	if seen != nil {
		line := seen[k.Value]
		seen[k.Value] = k.Line
		return line
	}
	for j := i - 2; j >= 0; j -= 2 {
		if e := n.Content[j]; e.Kind == yaml.ScalarNode && e.Value == k.Value {
			return e.Line
		}
	}
	return 0
}

// maxNesting bounds recursion into a document: yaml.v3 accepts 10,000
// levels, far beyond any compose file.
const maxNesting = 1000
