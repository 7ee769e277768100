package image

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/glob"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// Catalog selects images of one registry: the repositories its catalogue
// (/v2/_catalog) lists under Prefix, filtered by Include and Exclude, and
// of each the Latest tags its tag list (/v2/NAME/tags/list) holds.
type Catalog struct {
	// Registry is "host[:port]".
	Registry string
	// Prefix limits the catalogue to the repositories at or below a path
	// ("team" keeps team/app and team/app/worker, not teamwork/app); ""
	// keeps all.
	Prefix string
	// Include, when not empty, keeps only what one of its patterns
	// matches; Exclude then drops what one of its patterns matches. A
	// pattern is a glob (internal/glob: "*" within a path segment, "**"
	// across segments, one without "/" matches a name at any depth)
	// matched against the repository path ("team/app"), or, when it holds
	// ":", against "repository:tag" ("team/*:*-debug").
	Include, Exclude []string
	// Latest keeps the Latest latest tags of each repository, in the order
	// TagOrder defines; 0 keeps every tag.
	Latest int
}

// ParseCatalog reads "REGISTRY[/PREFIX]" as --catalog takes it.
func ParseCatalog(s string) (Catalog, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "/")
	host, prefix, _ := strings.Cut(s, "/")
	if host == "" {
		return Catalog{}, fmt.Errorf("%q names no registry (want REGISTRY[/PREFIX], e.g. registry.example.com/team)", s)
	}
	if _, err := name.NewRegistry(host); err != nil {
		return Catalog{}, fmt.Errorf("%q: %v", s, err)
	}
	if prefix != "" {
		if _, err := name.NewRepository(host + "/" + prefix); err != nil {
			return Catalog{}, fmt.Errorf("%q: %v", s, err)
		}
	}
	return Catalog{Registry: host, Prefix: prefix}, nil
}

// String is the catalogue as --catalog spells it.
func (c Catalog) String() string {
	if c.Prefix == "" {
		return c.Registry
	}
	return c.Registry + "/" + c.Prefix
}

// CatalogError is a repository whose tags could not be listed.
type CatalogError struct {
	// Repository is "registry/repository".
	Repository string
	Err        error
}

func (e *CatalogError) Error() string { return e.Repository + ": " + e.Err.Error() }

// List lists the catalogue's images as "registry/repository:tag"
// references: repositories in lexical order, and in each its selected tags
// latest first, so every run over an unchanged registry lists the same
// references in the same order (shards depend on it). Tag lists are
// fetched jobs at a time. err is the catalogue itself failing; a
// repository whose tags cannot be listed is one of failed, and the others
// are still listed.
func (c Catalog) List(ctx context.Context, opts Options, jobs int) (refs []string, failed []*CatalogError, err error) {
	reg, err := name.NewRegistry(c.Registry, registryNameOptions(c.Registry, opts)...)
	if err != nil {
		return nil, nil, err
	}
	ropts := remoteOptions(ctx, opts)
	all, err := remote.Catalog(ctx, reg, ropts...)
	if err != nil {
		return nil, nil, explainRegistry(err, opts.Insecure)
	}
	var repos []string
	for _, r := range all {
		if c.underPrefix(r) && c.keepRepo(r) {
			repos = append(repos, r)
		}
	}
	slices.Sort(repos)
	repos = slices.Compact(repos)
	tags := make([][]string, len(repos))
	errs := make([]error, len(repos))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(jobs, len(repos))) {
		wg.Go(func() {
			for i := range next {
				tags[i], errs[i] = c.listTags(ctx, reg, repos[i], ropts)
			}
		})
	}
	for i := range repos {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for i, repo := range repos {
		full := reg.RegistryStr() + "/" + repo
		if errs[i] != nil {
			failed = append(failed, &CatalogError{Repository: full, Err: explainRegistry(errs[i], opts.Insecure)})
			continue
		}
		for _, tag := range tags[i] {
			refs = append(refs, full+":"+tag)
		}
	}
	return refs, failed, nil
}

// listTags lists a repository's tags and keeps the selected ones, latest
// first.
func (c Catalog) listTags(ctx context.Context, reg name.Registry, repo string, ropts []remote.Option) ([]string, error) {
	all, err := remote.List(reg.Repo(repo), ropts...)
	if err != nil {
		return nil, err
	}
	var kept []string
	for _, t := range all {
		if c.keepTag(repo, t) {
			kept = append(kept, t)
		}
	}
	return LatestTags(kept, c.Latest), nil
}

// underPrefix reports whether repo is Prefix or below it.
func (c Catalog) underPrefix(repo string) bool {
	return c.Prefix == "" || repo == c.Prefix || strings.HasPrefix(repo, c.Prefix+"/")
}

// keepRepo decides what the repository patterns alone can: an excluded
// repository, or one no include pattern matches when every include
// pattern names repositories. Tag patterns are applied by keepTag.
func (c Catalog) keepRepo(repo string) bool {
	for _, p := range c.Exclude {
		if !isTagPattern(p) && glob.Match(p, repo) {
			return false
		}
	}
	if len(c.Include) == 0 || slices.ContainsFunc(c.Include, isTagPattern) {
		return true
	}
	return slices.ContainsFunc(c.Include, func(p string) bool { return glob.Match(p, repo) })
}

// keepTag applies every pattern to one tag of a repository.
func (c Catalog) keepTag(repo, tag string) bool {
	matches := func(p string) bool {
		if isTagPattern(p) {
			return glob.Match(p, repo+":"+tag)
		}
		return glob.Match(p, repo)
	}
	if len(c.Include) > 0 && !slices.ContainsFunc(c.Include, matches) {
		return false
	}
	return !slices.ContainsFunc(c.Exclude, matches)
}

// isTagPattern reports whether a pattern names "repository:tag".
func isTagPattern(p string) bool { return strings.Contains(p, ":") }

// LatestTags orders tags latest first, as TagOrder defines, and keeps the
// first n (all when n is 0).
func LatestTags(tags []string, n int) []string {
	out := slices.Clone(tags)
	slices.SortFunc(out, TagOrder)
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// TagOrder orders tags latest first. A registry knows no "latest": tags
// are names, and dates would need every image's config fetched. So:
//
//  1. Version tags come first, greatest first. A version tag is an
//     optional "v", numbers separated by dots, and an optional suffix
//     after "-" or "+" (1.25.3, v2.0, 20240115, 3.20-alpine). Numbers
//     compare numerically left to right, and a version that has more of
//     them is greater (1.2.1 > 1.2); with equal numbers, one without a
//     "-" suffix is greater than one with (1.2.0 > 1.2.0-rc1, as in
//     semver), and "-" suffixes compare as text. A "+" suffix is build
//     metadata and does not count (1.2.0+build7 ranks as 1.2.0).
//  2. Then "latest": it usually names the newest version, already listed.
//  3. Then every other tag (main, edge, sha-3f2a9c1), in text order.
//
// Equal versions that differ only in spelling (v1.2 and 1.2) fall back to
// text order, so the order is total.
func TagOrder(a, b string) int {
	va, aok := parseVersion(a)
	vb, bok := parseVersion(b)
	switch {
	case aok && bok:
		return cmp.Or(compareVersions(vb, va), strings.Compare(a, b))
	case aok != bok:
		if aok {
			return -1
		}
		return 1
	case a == "latest" || b == "latest":
		if a == b {
			return 0
		}
		if a == "latest" {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// version is a parsed version tag.
type version struct {
	nums []uint64
	// suffix is the pre-release after "-", with it; "" for a release.
	suffix string
}

// parseVersion reads a version tag; ok is false for any other tag.
func parseVersion(tag string) (v version, ok bool) {
	s := strings.TrimPrefix(tag, "v")
	if i := strings.IndexAny(s, "-+"); i >= 0 {
		s, v.suffix = s[:i], s[i:]
		if v.suffix[0] == '+' {
			v.suffix = "" // build metadata
		}
	}
	if s == "" {
		return version{}, false
	}
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.ParseUint(part, 10, 64)
		if err != nil {
			return version{}, false
		}
		v.nums = append(v.nums, n)
	}
	return v, true
}

// compareVersions compares a and b as TagOrder describes, ascending.
func compareVersions(a, b version) int {
	for i := range min(len(a.nums), len(b.nums)) {
		if c := cmp.Compare(a.nums[i], b.nums[i]); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(a.nums), len(b.nums)); c != 0 {
		return c
	}
	switch {
	case a.suffix == b.suffix:
		return 0
	case a.suffix == "":
		return 1
	case b.suffix == "":
		return -1
	}
	return strings.Compare(a.suffix, b.suffix)
}
