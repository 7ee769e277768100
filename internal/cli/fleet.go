package cli

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/spf13/cobra"
)

// selectFlags say which images `dockstride image` scans: references,
// a file of them, registry catalogues, and which shard of the whole.
type selectFlags struct {
	refsFile   string
	catalogs   []string
	include    []string
	exclude    []string
	latestTags int
	shard      string
	shardCount int
}

// jobIndexEnv is the 0-based index Kubernetes gives each pod of an
// Indexed Job.
const jobIndexEnv = "JOB_COMPLETION_INDEX"

func (sf *selectFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&sf.refsFile, "refs-file", "", "read references from FILE, one per line (# starts a comment; - is standard input)")
	f.StringArrayVar(&sf.catalogs, "catalog", nil, "scan the images a registry lists: REGISTRY[/PREFIX] (repeatable)")
	f.StringSliceVar(&sf.include, "include", nil, "with --catalog, scan only repositories (or REPO:TAG) these globs match")
	f.StringSliceVar(&sf.exclude, "exclude", nil, "with --catalog, leave out repositories (or REPO:TAG) these globs match")
	f.IntVar(&sf.latestTags, "latest-tags", 0, "with --catalog, scan the N latest tags of each repository (versions first, greatest first; 0: all)")
	f.StringVar(&sf.shard, "shard", "", "scan only part i of n of the images (i/n, 1-based)")
	f.IntVar(&sf.shardCount, "shard-count", 0, "split the images into N shards and scan the one $"+jobIndexEnv+" (0-based, as a Kubernetes Indexed Job sets it) names")
}

// request fills in which images the run scans.
func (sf *selectFlags) request(cmd *cobra.Command, g *globals, args []string, req *lint.Request) error {
	req.Images = append([]string(nil), args...)
	if sf.refsFile != "" {
		more, err := lint.ReadRefsFile(cmd.InOrStdin(), sf.refsFile)
		if err != nil {
			return usageErrorf("--refs-file: %v", err)
		}
		req.Images = append(req.Images, more...)
	}
	if sf.latestTags < 0 {
		return usageErrorf("--latest-tags must be 0 (all) or more")
	}
	for _, s := range sf.catalogs {
		c, err := image.ParseCatalog(s)
		if err != nil {
			return usageErrorf("--catalog: %v", err)
		}
		c.Include, c.Exclude, c.Latest = sf.include, sf.exclude, sf.latestTags
		req.Catalogs = append(req.Catalogs, c)
	}
	if len(sf.catalogs) == 0 && (len(sf.include)+len(sf.exclude) > 0 || sf.latestTags != 0) {
		return usageErrorf("--include, --exclude and --latest-tags select from a --catalog")
	}
	var err error
	if req.Shard, err = sf.pickShard(g); err != nil {
		return err
	}
	if len(req.Images) == 0 && len(req.Catalogs) == 0 && req.Shard.Count == 0 {
		return usageErrorf("no image given: pass REF arguments, --refs-file or --catalog")
	}
	return nil
}

// pickShard reads --shard i/n, or --shard-count n with the index from
// JOB_COMPLETION_INDEX.
func (sf *selectFlags) pickShard(g *globals) (lint.Shard, error) {
	switch {
	case sf.shard != "" && sf.shardCount != 0:
		return lint.Shard{}, usageErrorf("--shard and --shard-count both name the shard; give one")
	case sf.shard != "":
		s, err := lint.ParseShard(sf.shard)
		if err != nil {
			return lint.Shard{}, usageErrorf("--shard: %v", err)
		}
		return s, nil
	case sf.shardCount == 0:
		return lint.Shard{}, nil
	case sf.shardCount < 0:
		return lint.Shard{}, usageErrorf("--shard-count must be positive")
	}
	v := strings.TrimSpace(g.io.Getenv(jobIndexEnv))
	i, err := strconv.Atoi(v)
	switch {
	case v == "":
		return lint.Shard{}, usageErrorf("--shard-count: %s is not set (a Kubernetes Indexed Job sets it; elsewhere use --shard i/n)", jobIndexEnv)
	case err != nil || i < 0 || i >= sf.shardCount:
		return lint.Shard{}, usageErrorf("--shard-count %d: %s=%q is not an index from 0 to %d", sf.shardCount, jobIndexEnv, v, sf.shardCount-1)
	}
	return lint.Shard{Index: i + 1, Count: sf.shardCount}, nil
}
