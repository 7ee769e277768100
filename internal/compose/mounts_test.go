package compose

import (
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/docker/go-connections/nat"
)

var volumeSpecs = []string{
	"", "a", "ab", "/data", "data:/data", "./data:/data:ro", "~/x:/y:rw", "/srv:/srv:rshared,z",
	"vol:/v:nocopy", `C:\data:/data`, `\\.\pipe\docker_engine:\\.\pipe\docker_engine`, "c:/x:/y:Z",
	"${HOME}:/home:ro", "${A:-/x:y}:/t", "a::b", "a:b:c:d", "/a:/b:ro,rslave,unknown", ":/x", "x:",
	"日本:/x", "a:b:", "${:x", "}}:{{", "::::", "/a:/b:private",
}

// TestParseVolumeMatchesComposeGo holds parseVolume to compose-go's
// format.ParseVolume, which it replaces to keep compose-go's types package
// (and the YAML v4 library behind it) out of the binary.
func TestParseVolumeMatchesComposeGo(t *testing.T) {
	for _, spec := range volumeSpecs {
		checkVolume(t, spec)
	}
	for _, c := range kicsCases(t) {
		for _, line := range strings.Split(c.Compose, "\n") {
			if s, ok := strings.CutPrefix(strings.TrimSpace(line), "- "); ok {
				checkVolume(t, strings.Trim(s, `"'`))
			}
		}
	}
}

func checkVolume(t *testing.T, spec string) {
	t.Helper()
	got, err := parseVolume(spec)
	want, wantErr := format.ParseVolume(spec)
	if (err != nil) != (wantErr != nil) {
		t.Errorf("%q: error %v, compose-go %v", spec, err, wantErr)
		return
	}
	var prop, selinux string
	if want.Bind != nil {
		prop, selinux = want.Bind.Propagation, want.Bind.SELinux
	}
	if got.typ != want.Type || got.source != want.Source || got.target != want.Target ||
		got.readOnly != want.ReadOnly || got.propagation != prop || got.selinux != selinux {
		t.Errorf("%q: %+v, compose-go %+v (bind %+v)", spec, got, want, want.Bind)
	}
}

// FuzzParseVolume compares parseVolume with compose-go's parser on
// arbitrary specs.
func FuzzParseVolume(f *testing.F) {
	for _, s := range volumeSpecs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) { checkVolume(t, spec) })
}

var portSpecs = []string{
	"80", "80:80", "8080:80/udp", "127.0.0.1:80:80", "[::1]:80:80", "::1:80:80", "0.0.0.0:8000-8010:80",
	"8000-8001:80-81", "8000-8002:80-81", "80-81", "1-65535", "70000:80", "80:70000", "a:80", "80/xyz",
	"80/", "/tcp", "", ":", "1.2.3:80:80", "80:80/SCTP", "81-80", "[::1]:80", "localhost:80:80", "80:80/udp/x", "+80:80", "80-80:90", "0:0",
}

// TestSplitPortMatchesNat holds splitPort's verdict to docker's own port
// parser, which compose-go calls.
func TestSplitPortMatchesNat(t *testing.T) {
	for _, spec := range portSpecs {
		checkPort(t, spec)
	}
}

func checkPort(t *testing.T, spec string) {
	t.Helper()
	ip, published, target, proto, err := splitPort(spec)
	mappings, natErr := nat.ParsePortSpec(spec)
	if (err != nil) != (natErr != nil) {
		t.Errorf("%q: error %v, nat %v", spec, err, natErr)
		return
	}
	if err != nil || len(mappings) == 0 {
		return
	}
	m := mappings[0]
	wantIP := m.Binding.HostIP
	if strings.Trim(ip, "[]") != wantIP || proto != m.Port.Proto() {
		t.Errorf("%q: ip %q proto %q, nat %q %q", spec, ip, proto, wantIP, m.Port.Proto())
	}
	lo, _, _ := natRange(target)
	if lo != m.Port.Int() {
		t.Errorf("%q: first container port %d, nat %d", spec, lo, m.Port.Int())
	}
	// nat's first mapping publishes the range's first port, or the whole
	// host range when the container port is a single one.
	plo, phi, ok := natRange(published)
	if ok != (m.Binding.HostPort != "") {
		t.Errorf("%q: published %q, nat %q", spec, published, m.Binding.HostPort)
	} else if ok && m.Binding.HostPort != strconv.Itoa(plo) && m.Binding.HostPort != strconv.Itoa(plo)+"-"+strconv.Itoa(phi) {
		t.Errorf("%q: published %q, nat %q", spec, published, m.Binding.HostPort)
	}
}

// FuzzSplitPort compares splitPort's verdict with nat's on arbitrary specs
// without ranges wider than a few ports (nat allocates one entry per port).
func FuzzSplitPort(f *testing.F) {
	for _, s := range portSpecs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		if _, _, target, _, err := splitPort(spec); err == nil {
			if lo, hi, ok := natRange(target); ok && hi-lo > 64 {
				return
			}
		}
		checkPort(t, spec)
	})
}
