package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func vcsInfo(version string, settings ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/dockstride/dockstride", Version: version}}
	for i := 0; i+1 < len(settings); i += 2 {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return bi
}

func TestResolveBuildInfo(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name                     string
		ldVersion, ldCommit, ldD string
		bi                       *debug.BuildInfo
		want                     buildInfo
	}{
		{
			name:      "goreleaser ldflags win over the build information",
			ldVersion: "v0.1.0", ldCommit: "abc1234", ldD: "2027-03-31T00:00:00Z",
			bi:   vcsInfo("(devel)", "vcs.revision", rev, "vcs.time", "2026-01-02T03:04:05Z"),
			want: buildInfo{Version: "v0.1.0", Commit: "abc1234", Date: "2027-03-31T00:00:00Z"},
		},
		{
			name:      "ldflags from a modified checkout still say dirty",
			ldVersion: "v0.1.1-next", ldCommit: "abc1234", ldD: "2027-03-31T00:00:00Z",
			bi:   vcsInfo("(devel)", "vcs.modified", "true"),
			want: buildInfo{Version: "v0.1.1-next", Commit: "abc1234", Date: "2027-03-31T00:00:00Z", Dirty: true},
		},
		{
			name: "go install …@v0.1.0: the module version, no VCS stamps",
			bi:   vcsInfo("v0.1.0"),
			want: buildInfo{Version: "v0.1.0", Commit: "unknown", Date: "unknown"},
		},
		{
			name: "go install …@latest of an untagged commit: the pseudo-version names it",
			bi:   vcsInfo("v0.1.1-0.20260102030405-0123456789ab"),
			want: buildInfo{Version: "v0.1.1-0.20260102030405-0123456789ab", Commit: "0123456789ab", Date: "2026-01-02T03:04:05Z", Committed: true},
		},
		{
			name: "pseudo-version without any tag",
			bi:   vcsInfo("v0.0.0-20260102030405-0123456789ab"),
			want: buildInfo{Version: "v0.0.0-20260102030405-0123456789ab", Commit: "0123456789ab", Date: "2026-01-02T03:04:05Z", Committed: true},
		},
		{
			name: "go build in a checkout: VCS revision, commit time, dirty",
			bi: vcsInfo("v0.1.1-0.20260102030405-0123456789ab+dirty",
				"vcs", "git", "vcs.revision", rev, "vcs.time", "2026-01-02T03:04:05Z", "vcs.modified", "true"),
			want: buildInfo{Version: "v0.1.1-0.20260102030405-0123456789ab+dirty", Commit: rev, Date: "2026-01-02T03:04:05Z", Committed: true, Dirty: true},
		},
		{
			name: "go build on a clean tagged commit",
			bi:   vcsInfo("v0.1.0", "vcs.revision", rev, "vcs.time", "2026-01-02T03:04:05Z", "vcs.modified", "false"),
			want: buildInfo{Version: "v0.1.0", Commit: rev, Date: "2026-01-02T03:04:05Z", Committed: true},
		},
		{
			name: "-buildvcs=false in a checkout",
			bi:   vcsInfo("(devel)"),
			want: buildInfo{Version: "dev", Commit: "unknown", Date: "unknown"},
		},
		{
			name: "no build information at all",
			want: buildInfo{Version: "dev", Commit: "unknown", Date: "unknown"},
		},
		{
			name: "a release version that merely ends in digits is no pseudo-version",
			bi:   vcsInfo("v1.2.3-rc.1"),
			want: buildInfo{Version: "v1.2.3-rc.1", Commit: "unknown", Date: "unknown"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := resolveBuildInfo(tc.ldVersion, tc.ldCommit, tc.ldD, tc.bi); got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestFormatVersion(t *testing.T) {
	for _, tc := range []struct {
		b    buildInfo
		want string
	}{
		{buildInfo{Version: "v0.1.0", Commit: "abc1234", Date: "2027-03-31T00:00:00Z"}, "dockstride v0.1.0 (commit abc1234, built 2027-03-31T00:00:00Z, go"},
		{buildInfo{Version: "dev", Commit: "0123", Date: "2026-01-02T03:04:05Z", Committed: true, Dirty: true}, "dockstride dev (commit 0123, committed 2026-01-02T03:04:05Z, dirty, go"},
	} {
		if got := formatVersion(tc.b); !strings.HasPrefix(got, tc.want) {
			t.Errorf("formatVersion(%+v) = %q, want prefix %q", tc.b, got, tc.want)
		}
	}
}

// The test binary carries no ldflags and no VCS stamps (go test never
// stamps them), so the report version is the "dev" fallback, the same as
// `dockstride version` prints.
func TestVersionOfThisBinary(t *testing.T) {
	if Version() != "dev" {
		t.Errorf("Version() = %q, want dev in a test binary", Version())
	}
	if !strings.HasPrefix(versionString(), "dockstride "+Version()+" (") {
		t.Errorf("versionString() = %q does not start with Version() %q", versionString(), Version())
	}
}
