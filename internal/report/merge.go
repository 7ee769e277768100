package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// Merge combines reports read back with ReadJSON into the report of the
// run they are parts of. Shards of one sharded run (each report's Shard)
// must all be there, once each, with one list between them, and are put
// back in index order, so the merge is the unsharded run's report: the
// same findings in the same order, the same summary. Reports that are not
// shards are concatenated in the order given. Problems that several
// reports share (a catalogue every shard failed to list) are kept once.
func Merge(reps []*Report) (*Report, error) {
	if len(reps) == 0 {
		return nil, fmt.Errorf("no report to merge")
	}
	reps, err := orderShards(reps)
	if err != nil {
		return nil, err
	}
	out := &Report{}
	seen := map[*rules.Rule]bool{}
	seenProblem := map[lint.Problem]bool{}
	for _, r := range reps {
		out.Findings = append(out.Findings, r.Findings...)
		out.Suppressed = append(out.Suppressed, r.Suppressed...)
		out.Inputs = append(out.Inputs, r.Inputs...)
		out.Files += r.Files
		out.Images += r.Images
		out.Baselined += r.Baselined
		out.UnlistedSuppressed += r.UnlistedSuppressed
		for _, p := range r.Problems {
			if !seenProblem[p] {
				seenProblem[p] = true
				out.Problems = append(out.Problems, p)
			}
		}
		for _, rule := range r.Rules {
			if !seen[rule] {
				seen[rule] = true
				out.Rules = append(out.Rules, rule)
			}
		}
	}
	lint.SortProblems(out.Problems)
	slices.SortFunc(out.Rules, func(a, b *rules.Rule) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// orderShards checks that the shards among reps are one run's, complete,
// and returns them in index order; reports without a shard are returned
// as given. Mixing the two is an error.
func orderShards(reps []*Report) ([]*Report, error) {
	first := reps[0].Shard
	if first == nil {
		for i, r := range reps {
			if r.Shard != nil {
				return nil, fmt.Errorf("report %d is shard %d of %d, report 1 is no shard: merge the shards of one run alone", i+1, r.Shard.Index, r.Shard.Count)
			}
		}
		return reps, nil
	}
	// A map, not a slice of Count: Count comes from an untrusted file.
	byIndex := make(map[int]*Report, len(reps))
	for i, r := range reps {
		s := r.Shard
		switch {
		case s == nil:
			return nil, fmt.Errorf("report %d is no shard, report 1 is shard %d of %d: merge the shards of one run alone", i+1, first.Index, first.Count)
		case s.Index < 1 || s.Index > s.Count:
			return nil, fmt.Errorf("report %d: %d of %d is not a shard", i+1, s.Index, s.Count)
		case s.Count != first.Count || s.Digest != first.Digest || s.Refs != first.Refs:
			return nil, fmt.Errorf("report %d (shard %d of %d, %d references) and report 1 (shard %d of %d, %d references) split different lists: were they listed from a registry that changed in between?",
				i+1, s.Index, s.Count, s.Refs, first.Index, first.Count, first.Refs)
		case byIndex[s.Index] != nil:
			return nil, fmt.Errorf("shard %d of %d is given twice", s.Index, s.Count)
		}
		byIndex[s.Index] = r
	}
	if absent := first.Count - len(byIndex); absent > 0 {
		// The first few are enough to say; the loop ends within
		// len(reps)+maxNamed steps whatever Count is.
		const maxNamed = 10
		var missing []string
		for i := 1; len(missing) < min(absent, maxNamed); i++ {
			if byIndex[i] == nil {
				missing = append(missing, strconv.Itoa(i))
			}
		}
		more := ""
		if absent > len(missing) {
			more = fmt.Sprintf(" and %d more", absent-len(missing))
		}
		return nil, fmt.Errorf("shard %s%s of %d missing: a merge of part of a run would report its images as clean", strings.Join(missing, ", "), more, first.Count)
	}
	out := make([]*Report, first.Count)
	for i, r := range byIndex {
		out[i-1] = r
	}
	return out, nil
}
