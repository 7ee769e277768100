package rules

import "testing"

func TestLookupRetired(t *testing.T) {
	list := []RetiredRule{{ID: "DKS9990", Name: "old-check", Since: "0.1.0", Retired: "0.3.0", Reason: "BuildKit now refuses the file", ReplacedBy: "DKS1003"}}
	for _, key := range []string{"DKS9990", "dks9990", "old-check"} {
		r, ok := lookupRetired(list, key)
		if !ok || r.ID != "DKS9990" {
			t.Errorf("lookupRetired(%q) = %v, %v", key, r, ok)
		}
	}
	if _, ok := lookupRetired(list, "DKS9991"); ok {
		t.Error("an ID never retired was found")
	}
	want := "DKS9990 (old-check) was retired in 0.3.0: BuildKit now refuses the file; use DKS1003"
	if got := list[0].Describe(); got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}
