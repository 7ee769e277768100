package report

import (
	"cmp"
	"slices"

	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// tacticOrder is the ATT&CK matrix (kill-chain) order, which is how the
// threat model orders its ATT&CK table.
var tacticOrder = []string{
	threat.TacticInitialAccess, threat.TacticExecution, threat.TacticPersistence,
	threat.TacticPrivilegeEscalation, threat.TacticDefenseEvasion, threat.TacticCredentialAccess,
	threat.TacticDiscovery, threat.TacticLateralMovement, threat.TacticCollection,
	threat.TacticCommandAndControl, threat.TacticImpact,
}

// threatSummary counts findings against the threat catalogue.
type threatSummary struct {
	stride map[threat.STRIDE]int
	attack map[*threat.Technique]int
	// techniques touched, in matrix order of their tactic, then by ID.
	techniques []*threat.Technique
}

func summarize(fs []rules.Finding) threatSummary {
	s := threatSummary{stride: map[threat.STRIDE]int{}, attack: map[*threat.Technique]int{}}
	for _, f := range fs {
		for _, c := range f.Rule.Threat.STRIDE {
			s.stride[c]++
		}
		for _, t := range f.Rule.Threat.ATTACK {
			if s.attack[t] == 0 {
				s.techniques = append(s.techniques, t)
			}
			s.attack[t]++
		}
	}
	slices.SortFunc(s.techniques, func(a, b *threat.Technique) int {
		return cmp.Or(cmp.Compare(tacticRank(a.Tactic), tacticRank(b.Tactic)), cmp.Compare(a.ID, b.ID))
	})
	return s
}

func tacticRank(tactic string) int {
	if i := slices.Index(tacticOrder, tactic); i >= 0 {
		return i
	}
	return len(tacticOrder)
}
