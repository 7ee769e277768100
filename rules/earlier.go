// Memoised lookups of earlier instructions in the same file.

package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
)

// earlierMatch reports whether pred holds for an instruction that runs
// before in: earlier in in's stage, or anywhere in a stage in builds on.
//
// Rules ask such questions ("was apt told not to install recommends?")
// for every instruction; walking back through the stage and its FROM
// chain each time is quadratic in instructions. Here pred runs once per
// instruction of the file, the first matching line of each stage is
// remembered (per file, under key: one key type per question), and every
// answer after that is a lookup. pred must depend on its instruction alone.
func earlierMatch(f *dockerfile.File, key any, in dockerfile.Instruction, pred func(dockerfile.Instruction) bool) bool {
	type answers struct {
		first map[*dockerfile.Stage]int  // line of the stage's first match; 0 for none
		chain map[*dockerfile.Stage]bool // a match in the stage or a stage it builds on
	}
	a := f.Memo(key, func() any {
		a := &answers{first: map[*dockerfile.Stage]int{}, chain: map[*dockerfile.Stage]bool{}}
		// A FROM names an earlier stage, so parents are done first.
		for _, st := range f.Stages {
			for _, prev := range st.Instructions {
				if pred(prev) {
					a.first[st] = prev.Range().StartLine
					break
				}
			}
			a.chain[st] = a.first[st] > 0 || st.Parent != nil && a.chain[st.Parent]
		}
		return a
	}).(*answers)
	st := in.Stage()
	if st == nil {
		return false
	}
	if l := a.first[st]; l > 0 && l < in.Range().StartLine {
		return true
	}
	return st.Parent != nil && a.chain[st.Parent]
}
