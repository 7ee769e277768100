// Retired rule IDs: an ID never names another rule once its rule is gone.

package rules

import "strings"

// RetiredRule is a rule that was removed. Its ID is never reused, and a
// configuration or pragma naming it is told what became of it.
type RetiredRule struct {
	ID, Name string
	// Since is the release that introduced the rule, Retired the one that
	// removed it.
	Since, Retired string
	// Reason says why, in one sentence; ReplacedBy is the ID of the rule
	// that covers the concept now, if any.
	Reason     string
	ReplacedBy string
}

// retired lists every retired rule, oldest first. None has been retired
// since the first release.
var retired []RetiredRule

// Retired returns every retired rule.
func Retired() []RetiredRule { return retired }

// LookupRetired returns the retired rule key names (its ID or name).
func LookupRetired(key string) (RetiredRule, bool) { return lookupRetired(retired, key) }

func lookupRetired(list []RetiredRule, key string) (RetiredRule, bool) {
	for _, r := range list {
		if strings.EqualFold(key, r.ID) || strings.EqualFold(key, r.Name) {
			return r, true
		}
	}
	return RetiredRule{}, false
}

// Describe says what became of the retired rule, for error messages.
func (r RetiredRule) Describe() string {
	s := r.ID + " (" + r.Name + ") was retired in " + r.Retired + ": " + r.Reason
	if r.ReplacedBy != "" {
		s += "; use " + r.ReplacedBy
	}
	return s
}
