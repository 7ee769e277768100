package lint

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// ReadRefsFile reads one reference per line; blank lines and # comments
// are skipped. "-" reads standard input.
func ReadRefsFile(stdin io.Reader, path string) ([]string, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var refs []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			refs = append(refs, line)
		}
	}
	return refs, sc.Err()
}

// ParseShard reads "i/n" with 1 <= i <= n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("%q: want i/n with 1 <= i <= n, e.g. 2/4", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// Shard is one part of a run's images: Index of Count, 1-based. The zero
// Shard is the whole list.
type Shard struct{ Index, Count int }

// ShardInfo says which part of which list a sharded run scanned, so that
// a merge can check its parts are all there and put them back in order.
type ShardInfo struct {
	Index, Count int
	// Refs is the number of references in the whole list and Digest
	// identifies it ("sha256:…" of the references, one a line): the
	// shards of one run agree on both, unless the registry changed
	// between their listings.
	Refs   int
	Digest string
}

// Part keeps the shard's contiguous block of refs, the i-th of n nearly
// equal blocks (sizes differ by at most one). Blocks, not every n-th
// reference, so that the shards' results concatenated in index order are
// the unsharded run's, in its order.
func (s Shard) Part(refs []string) []string {
	if s.Count == 0 {
		return refs
	}
	return refs[(s.Index-1)*len(refs)/s.Count : s.Index*len(refs)/s.Count]
}

// info describes the shard of refs.
func (s Shard) info(refs []string) *ShardInfo {
	h := sha256.New()
	for _, r := range refs {
		io.WriteString(h, r+"\n")
	}
	return &ShardInfo{Index: s.Index, Count: s.Count, Refs: len(refs), Digest: "sha256:" + hex.EncodeToString(h.Sum(nil))}
}

// imageRefs is the run's list of image references: Images, then each
// catalogue's listing (a catalogue or repository that cannot be listed is
// a problem), then the shard's part of it.
func (req Request) imageRefs(ctx context.Context) ([]string, []Problem, *ShardInfo) {
	refs := slices.Clone(req.Images)
	var problems []Problem
	for _, c := range req.Catalogs {
		listed, failed, err := c.List(ctx, req.Image.Open, cmp.Or(req.Image.Jobs, DefaultImageJobs))
		if err != nil {
			problems = append(problems, Problem{File: c.String(), Message: "listing the catalogue: " + err.Error()})
			continue
		}
		for _, f := range failed {
			problems = append(problems, Problem{File: f.Repository, Message: "listing its tags: " + f.Err.Error()})
		}
		refs = append(refs, listed...)
	}
	if req.Shard.Count == 0 {
		return refs, problems, nil
	}
	return req.Shard.Part(refs), problems, req.Shard.info(refs)
}
