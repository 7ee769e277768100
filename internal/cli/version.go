package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/spf13/cobra"
)

// Set at release time with -ldflags "-X github.com/dockstride/dockstride/internal/cli.version=…"
// (and .commit, .date). Left empty, the Go build information embedded in
// the binary is used instead, so `go install …@v0.1.0` and `go build` in a
// git checkout report themselves truthfully too.
var (
	version string
	commit  string
	date    string
)

// buildInfo is what a binary knows about its own build.
type buildInfo struct {
	Version string // "v0.1.0", a pseudo-version, or "dev"
	Commit  string // VCS revision, or "unknown"
	Date    string // build time (ldflags) or commit time (RFC 3339), or "unknown"
	// Committed says Date is the commit's time, not the build's: the Go
	// build information records only the former.
	Committed bool
	Dirty     bool // built from a checkout with uncommitted changes
}

// pseudoVersionTail matches the "yyyymmddhhmmss-abcdefabcdef" that ends
// every Go pseudo-version (before any "+incompatible" or "+dirty"), so
// `go install …@latest` of an untagged commit still names that commit.
var pseudoVersionTail = lazyre.New(`[-.](\d{14})-([0-9a-f]{12})(?:\+[0-9A-Za-z.]+)?$`)

// resolveBuildInfo prefers the values set with -ldflags -X (goreleaser's
// builds) and falls back to the module version and VCS stamps of the Go
// build information. bi may be nil when the binary carries none.
func resolveBuildInfo(ldVersion, ldCommit, ldDate string, bi *debug.BuildInfo) buildInfo {
	out := buildInfo{Version: ldVersion, Commit: ldCommit, Date: ldDate}
	vcs := map[string]string{}
	if bi != nil {
		for _, s := range bi.Settings {
			if name, ok := strings.CutPrefix(s.Key, "vcs."); ok {
				vcs[name] = s.Value
			}
		}
	}
	out.Dirty = vcs["modified"] == "true"
	if out.Version == "" && bi != nil {
		// "(devel)" is a build of a local checkout without a VCS tag to
		// derive a version from (or with -buildvcs=false).
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			out.Version = v
		}
		if out.Commit == "" {
			out.Commit = vcs["revision"]
		}
		if out.Date == "" && vcs["time"] != "" {
			out.Date, out.Committed = vcs["time"], true
		}
		// A module-mode build (go install …@version) carries no VCS
		// stamps, but a pseudo-version encodes the commit and its time.
		if m := pseudoVersionTail().FindStringSubmatch(out.Version); m != nil {
			if out.Commit == "" {
				out.Commit = m[2]
			}
			if t, err := time.Parse("20060102150405", m[1]); out.Date == "" && err == nil {
				out.Date, out.Committed = t.Format(time.RFC3339), true
			}
		}
	}
	if out.Version == "" {
		out.Version = "dev"
	}
	if out.Commit == "" {
		out.Commit = "unknown"
	}
	if out.Date == "" {
		out.Date = "unknown"
	}
	return out
}

// currentBuild resolves this binary's build information once.
var currentBuild = sync.OnceValue(func() buildInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return resolveBuildInfo(version, commit, date, bi)
})

// Version is the tool's version string, for reports (JSON and SARIF
// tool.version, the registry User-Agent, man pages): the release version,
// the module version of a `go install`, or "dev".
func Version() string { return currentBuild().Version }

func versionString() string { return formatVersion(currentBuild()) }

// formatVersion is the line `dockstride version` prints.
func formatVersion(b buildInfo) string {
	when := "built " + b.Date
	if b.Committed {
		when = "committed " + b.Date
	}
	if b.Dirty {
		when += ", dirty"
	}
	return fmt.Sprintf("dockstride %s (commit %s, %s, %s %s/%s)", b.Version, b.Commit, when, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), versionString())
			return err
		},
	}
}
