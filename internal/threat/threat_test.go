package threat

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var knownTactics = []string{
	TacticInitialAccess, TacticExecution, TacticPersistence, TacticPrivilegeEscalation,
	TacticDefenseEvasion, TacticCredentialAccess, TacticDiscovery, TacticLateralMovement,
	TacticCollection, TacticCommandAndControl, TacticImpact,
}

func TestTechniques(t *testing.T) {
	idRE := regexp.MustCompile(`^T\d{4}(\.\d{3})?$`)
	list := Techniques()
	if len(list) == 0 {
		t.Fatal("no techniques")
	}
	seen := map[string]bool{}
	for _, tech := range list {
		if !idRE.MatchString(tech.ID) {
			t.Errorf("technique ID %q is not T#### or T####.###", tech.ID)
		}
		if seen[tech.ID] {
			t.Errorf("technique %s listed twice", tech.ID)
		}
		seen[tech.ID] = true
		if strings.TrimSpace(tech.Name) == "" {
			t.Errorf("%s: empty name", tech.ID)
		}
		// One tactic everywhere: the threat model's where it files the
		// technique, else ATT&CK's first.
		wantTactic := ""
		if len(tech.Tactics) > 0 {
			wantTactic = tech.Tactics[0]
		}
		for _, row := range ModelSection(SectionATTACK) {
			if row.Technique == tech {
				wantTactic = row.Tactic
			}
		}
		if tech.Tactic != wantTactic {
			t.Errorf("%s: Tactic %q, want %q (the threat model's, else the first of Tactics %q)", tech.ID, tech.Tactic, wantTactic, tech.Tactics)
		}
		last := -1
		for _, tac := range tech.Tactics {
			i := slices.Index(knownTactics, tac)
			if i < 0 {
				t.Errorf("%s: unknown tactic %q", tech.ID, tac)
			}
			if i <= last {
				t.Errorf("%s: tactics %q not in matrix order", tech.ID, tech.Tactics)
			}
			last = i
		}
		if parentID, _, ok := strings.Cut(tech.ID, "."); ok {
			if parent := TechniqueByID(parentID); parent != nil && !strings.HasPrefix(tech.Name, parent.Name+": ") {
				t.Errorf("%s: sub-technique name %q does not start with parent's %q", tech.ID, tech.Name, parent.Name+": ")
			}
		}
		if got := TechniqueByID(tech.ID); got != tech {
			t.Errorf("TechniqueByID(%q) = %v, want the catalogue entry", tech.ID, got)
		}
		if got := TechniqueByID(" " + strings.ToLower(tech.ID) + " "); got != tech {
			t.Errorf("TechniqueByID is not case-insensitive for %s", tech.ID)
		}
		if tech.String() != tech.ID {
			t.Errorf("%s: String() = %q", tech.ID, tech.String())
		}
	}
	if !slices.IsSortedFunc(list, func(a, b *Technique) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Techniques() is not sorted by ID")
	}
	if TechniqueByID("T9999") != nil || TechniqueByID("") != nil {
		t.Error("TechniqueByID found an ID the catalogue lacks")
	}
	if got, want := T1552_001.URL(), "https://attack.mitre.org/techniques/T1552/001/"; got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
	list[0] = nil
	if Techniques()[0] == nil {
		t.Error("Techniques() shares its backing array with the catalogue")
	}
}

func TestCISItems(t *testing.T) {
	numRE := regexp.MustCompile(`^[1-7]\.\d{1,2}$`)
	list := CISItems()
	seen := map[string]bool{}
	for _, c := range list {
		if !numRE.MatchString(c.Number) {
			t.Errorf("CIS number %q is malformed", c.Number)
		}
		if seen[c.Number] {
			t.Errorf("CIS %s listed twice", c.Number)
		}
		seen[c.Number] = true
		// Every title but 2.9's ("Enable user namespace support") starts
		// with "Ensure".
		if !strings.HasPrefix(c.Title, "Ensure ") && !strings.HasPrefix(c.Title, "Enable ") || strings.HasSuffix(c.Title, ".") {
			t.Errorf("CIS %s: title %q should read like the benchmark's (\"Ensure ...\", no period)", c.Number, c.Title)
		}
		for _, in := range []string{c.Number, c.String(), " " + c.Number} {
			if got := CISByNumber(in); got != c {
				t.Errorf("CISByNumber(%q) = %v, want %s", in, got, c.Number)
			}
		}
	}
	for i := 1; i <= 12; i++ {
		if !seen["4."+strconv.Itoa(i)] {
			t.Errorf("section 4 item 4.%d missing", i)
		}
	}
	if !slices.IsSortedFunc(list, func(a, b *CISItem) int { return naturalCompare(a.Number, b.Number) }) {
		t.Error("CISItems() is not in benchmark order")
	}
	if CISByNumber("4.99") != nil {
		t.Error("CISByNumber found a number the catalogue lacks")
	}
	if CIS4_1.String() != "CIS Docker 4.1" {
		t.Errorf("String() = %q", CIS4_1.String())
	}
}

func TestCWEs(t *testing.T) {
	list := CWEs()
	seen := map[int]bool{}
	for _, c := range list {
		if c.ID <= 0 {
			t.Errorf("CWE ID %d is not positive", c.ID)
		}
		if seen[c.ID] {
			t.Errorf("%s listed twice", c)
		}
		seen[c.ID] = true
		if strings.TrimSpace(c.Name) == "" || strings.HasPrefix(c.Name, "CWE") {
			t.Errorf("%s: name %q should be the bare official name", c, c.Name)
		}
		if got := CWEByID(c.ID); got != c {
			t.Errorf("CWEByID(%d) = %v", c.ID, got)
		}
	}
	for _, id := range []int{20, 22, 73, 78, 95, 200, 250, 256, 259, 260, 269, 276, 295, 312, 319, 321, 326, 327, 345, 347, 353, 400, 434, 494, 522, 538, 552, 605, 668, 693, 710, 732, 798, 829, 862, 912, 1104, 1188, 1357, 1395} {
		if !seen[id] {
			t.Errorf("CWE-%d missing", id)
		}
	}
	if !slices.IsSortedFunc(list, func(a, b *CWE) int { return a.ID - b.ID }) {
		t.Error("CWEs() is not sorted by ID")
	}
	if CWEByID(0) != nil || CWEByID(99999) != nil {
		t.Error("CWEByID found an ID the catalogue lacks")
	}
	if CWE250.String() != "CWE-250" || CWE250.URL() != "https://cwe.mitre.org/data/definitions/250.html" {
		t.Errorf("CWE250 renders as %q, %q", CWE250.String(), CWE250.URL())
	}
}

func TestControls(t *testing.T) {
	idRE := map[string]*regexp.Regexp{
		FrameworkNIST53:  regexp.MustCompile(`^[A-Z]{2}-\d{1,2}$`),
		FrameworkNIST190: regexp.MustCompile(`^4\.\d\.\d$`),
		FrameworkASVS:    regexp.MustCompile(`^V\d{1,2}$`),
		FrameworkTop10:   regexp.MustCompile(`^A(0[1-9]|10):2021$`),
	}
	list := Controls()
	seen := map[string]bool{}
	for _, c := range list {
		re := idRE[c.Framework]
		if re == nil {
			t.Errorf("%s: unknown framework %q", c, c.Framework)
		} else if !re.MatchString(c.ID) {
			t.Errorf("%s: ID %q is malformed for its framework", c, c.ID)
		}
		if seen[c.String()] {
			t.Errorf("%s listed twice", c)
		}
		seen[c.String()] = true
		if strings.TrimSpace(c.Title) == "" {
			t.Errorf("%s: empty title", c)
		}
		if got := ControlByID(c.Framework, c.ID); got != c {
			t.Errorf("ControlByID(%q, %q) = %v", c.Framework, c.ID, got)
		}
		if got := ControlByString(strings.ToLower(c.String())); got != c {
			t.Errorf("ControlByString(%q) = %v", c.String(), got)
		}
	}
	for fw := range idRE {
		if !slices.ContainsFunc(list, func(c *Control) bool { return c.Framework == fw }) {
			t.Errorf("no controls of %s", fw)
		}
	}
	if !slices.IsSortedFunc(list, compareControls) {
		t.Error("Controls() is not sorted by framework then ID")
	}
	if ControlByID(FrameworkNIST53, "ZZ-1") != nil {
		t.Error("ControlByID found an ID the catalogue lacks")
	}
	if NIST53_AC6.String() != "NIST SP 800-53 AC-6" {
		t.Errorf("String() = %q", NIST53_AC6.String())
	}
}

func TestNaturalCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"4.9", "4.10", -1}, {"AC-17", "AC-3", 1}, {"V2", "V10", -1}, {"V10", "V10", 0},
		{"NIST SP 800-53", "NIST SP 800-190", -1}, {"4.1", "4.1.1", -1}, {"A01:2021", "A10:2021", -1},
		{"5.09", "5.9", 0},
	} {
		if got := naturalCompare(tc.a, tc.b); got != tc.want {
			t.Errorf("naturalCompare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestCatalogueVarsListed reads this package's source so that a var declared
// but left out of its list (and so invisible to lookups and Validate) fails,
// without an init-time registry. It also checks each var's name spells its ID.
func TestCatalogueVarsListed(t *testing.T) {
	listOf := map[string]string{"Technique": "techniques", "CISItem": "cisItems", "CWE": "cwes", "Control": "controls"}
	declared := map[string]map[string]bool{}
	listed := map[string]map[string]bool{}
	for typ := range listOf {
		declared[typ], listed[typ] = map[string]bool{}, map[string]bool{}
	}
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, v := range vs.Values {
					varName := vs.Names[i].Name
					if lit, typ := compositeOf(v); lit != nil && listOf[typ] != "" {
						declared[typ][varName] = true
						if want := varNameFor(typ, lit); want != varName {
							t.Errorf("%s: var name should be %s to match its ID", varName, want)
						}
					}
					for typ, list := range listOf {
						if varName != list {
							continue
						}
						for _, el := range v.(*ast.CompositeLit).Elts {
							id, ok := el.(*ast.Ident)
							if !ok {
								t.Errorf("%s holds a non-variable element at %s", list, fset.Position(el.Pos()))
								continue
							}
							listed[typ][id.Name] = true
						}
					}
				}
			}
		}
	}
	for typ, list := range listOf {
		if len(declared[typ]) == 0 {
			t.Errorf("found no %s vars; is the test reading the right directory?", typ)
		}
		for name := range declared[typ] {
			if !listed[typ][name] {
				t.Errorf("%s is declared but missing from %s", name, list)
			}
		}
		for name := range listed[typ] {
			if !declared[typ][name] {
				t.Errorf("%s lists %s, which is not a %s var", list, name, typ)
			}
		}
	}
}

// compositeOf returns the literal and type name of a value written &T{...}.
func compositeOf(e ast.Expr) (*ast.CompositeLit, string) {
	u, ok := e.(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return nil, ""
	}
	lit, ok := u.X.(*ast.CompositeLit)
	if !ok {
		return nil, ""
	}
	id, ok := lit.Type.(*ast.Ident)
	if !ok {
		return nil, ""
	}
	return lit, id.Name
}

// varNameFor derives the naming convention: T1552_001, CIS4_10, CWE250,
// NIST53_AC6, NIST190_4_1_4, ASVS_V5, Top10_A07.
func varNameFor(typ string, lit *ast.CompositeLit) string {
	field := func(key string) string {
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok || kv.Key.(*ast.Ident).Name != key {
				continue
			}
			switch v := kv.Value.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(v.Value); err == nil {
					return s
				}
				return v.Value
			case *ast.Ident:
				return v.Name
			}
		}
		return ""
	}
	switch typ {
	case "Technique":
		return strings.ReplaceAll(field("ID"), ".", "_")
	case "CISItem":
		return "CIS" + strings.ReplaceAll(field("Number"), ".", "_")
	case "CWE":
		return "CWE" + field("ID")
	case "Control":
		id := field("ID")
		switch field("Framework") {
		case "FrameworkNIST53":
			return "NIST53_" + strings.ReplaceAll(id, "-", "")
		case "FrameworkNIST190":
			return "NIST190_" + strings.ReplaceAll(id, ".", "_")
		case "FrameworkASVS":
			return "ASVS_" + id
		case "FrameworkTop10":
			return "Top10_" + strings.TrimSuffix(id, ":2021")
		}
	}
	return "?"
}

func TestSTRIDE(t *testing.T) {
	want := []string{"Spoofing", "Tampering", "Repudiation", "Information Disclosure", "Denial of Service", "Elevation of Privilege"}
	all := AllSTRIDE()
	if len(all) != len(want) {
		t.Fatalf("AllSTRIDE() has %d categories, want %d", len(all), len(want))
	}
	for i, s := range all {
		if s.String() != want[i] {
			t.Errorf("AllSTRIDE()[%d] = %q, want %q", i, s, want[i])
		}
		if !s.Valid() || s.Impact() == "" || !strings.HasSuffix(s.Question(), "?") {
			t.Errorf("%s: needs Impact and a Question ending in '?'", s)
		}
		inputs := []string{want[i], strings.ToUpper(want[i]), strings.ToLower(want[i]),
			strings.ReplaceAll(want[i], " ", ""), string(rune(s.Letter())), strings.ToLower(string(rune(s.Letter())))}
		for _, in := range inputs {
			if got, ok := ParseSTRIDE(in); !ok || got != s {
				t.Errorf("ParseSTRIDE(%q) = %v, %v; want %s", in, got, ok, s)
			}
		}
	}
	for in, wantS := range map[string]STRIDE{"DoS": DenialOfService, "eop": ElevationOfPrivilege, "elevation-of-privilege": ElevationOfPrivilege} {
		if got, ok := ParseSTRIDE(in); !ok || got != wantS {
			t.Errorf("ParseSTRIDE(%q) = %v, %v; want %s", in, got, ok, wantS)
		}
	}
	for _, in := range []string{"", "X", "Spoof", "st", "Denial"} {
		if got, ok := ParseSTRIDE(in); ok {
			t.Errorf("ParseSTRIDE(%q) = %s, want failure", in, got)
		}
	}
	var zero STRIDE
	if zero.Valid() || zero.String() != "STRIDE(0)" || zero.Impact() != "" || zero.Letter() != 0 {
		t.Errorf("zero STRIDE: valid=%v string=%q", zero.Valid(), zero)
	}
	if STRIDE(7).Valid() {
		t.Error("STRIDE(7) is valid")
	}
}

func TestSTRIDEJSON(t *testing.T) {
	type doc struct {
		STRIDE []STRIDE       `json:"stride"`
		One    STRIDE         `json:"one"`
		ByCat  map[STRIDE]int `json:"by_category"`
	}
	in := doc{STRIDE: AllSTRIDE(), One: ElevationOfPrivilege, ByCat: map[STRIDE]int{Tampering: 2}}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"stride":["Spoofing","Tampering","Repudiation","Information Disclosure","Denial of Service","Elevation of Privilege"],"one":"Elevation of Privilege","by_category":{"Tampering":2}}`
	if string(data) != want {
		t.Errorf("json.Marshal =\n%s\nwant\n%s", data, want)
	}
	var out doc
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out.STRIDE, in.STRIDE) || out.One != in.One || out.ByCat[Tampering] != 2 {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}
	var s STRIDE
	if err := json.Unmarshal([]byte(`"e"`), &s); err != nil || s != ElevationOfPrivilege {
		t.Errorf(`unmarshal "e" = %v, %v`, s, err)
	}
	if err := json.Unmarshal([]byte(`"Bogus"`), &s); err == nil {
		t.Error("unmarshal of an unknown category succeeded")
	}
	if _, err := json.Marshal(STRIDE(0)); err == nil {
		t.Error("marshal of the zero STRIDE succeeded")
	}
}

func TestRefValidate(t *testing.T) {
	good := Ref{
		STRIDE:   []STRIDE{ElevationOfPrivilege},
		ATTACK:   []*Technique{T1611},
		CIS:      []*CISItem{CIS4_1},
		CWE:      []*CWE{CWE250},
		Controls: []*Control{NIST53_AC6},
	}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid ref: %v", err)
	}
	if err := (Ref{STRIDE: []STRIDE{Tampering}, CWE: []*CWE{CWE494}}).Validate(); err != nil {
		t.Errorf("minimal ref: %v", err)
	}
	for _, tc := range []struct {
		name   string
		modify func(*Ref)
		want   string
	}{
		{"no STRIDE", func(r *Ref) { r.STRIDE = nil }, "no STRIDE"},
		{"zero STRIDE", func(r *Ref) { r.STRIDE = []STRIDE{0} }, "invalid STRIDE"},
		{"duplicate STRIDE", func(r *Ref) { r.STRIDE = []STRIDE{Tampering, Tampering} }, "listed twice"},
		{"no CWE", func(r *Ref) { r.CWE = nil }, "no CWE"},
		{"inline technique", func(r *Ref) {
			r.ATTACK = []*Technique{{ID: "T1611", Name: "Escape to Host", Tactic: TacticPrivilegeEscalation}}
		}, "T1611 is not a catalogue entry"},
		{"inline CIS", func(r *Ref) { r.CIS = []*CISItem{{Number: "4.1", Title: CIS4_1.Title}} }, "CIS Docker 4.1 is not a catalogue entry"},
		{"inline CWE", func(r *Ref) { r.CWE = []*CWE{{ID: 250, Name: CWE250.Name}} }, "CWE-250 is not a catalogue entry"},
		{"inline control", func(r *Ref) { r.Controls = []*Control{{Framework: FrameworkNIST53, ID: "AC-6"}} }, "AC-6 is not a catalogue entry"},
		{"copied value", func(r *Ref) { c := *T1611; r.ATTACK = []*Technique{&c} }, "not a catalogue entry"},
		{"nil entry", func(r *Ref) { r.CWE = []*CWE{CWE250, nil} }, "nil CWE"},
		{"duplicate entry", func(r *Ref) { r.ATTACK = []*Technique{T1611, T1611} }, "T1611 listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := good
			tc.modify(&r)
			err := r.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if err := (Ref{}).Validate(); err == nil || !strings.Contains(err.Error(), "no STRIDE") || !strings.Contains(err.Error(), "no CWE") {
		t.Errorf("empty ref: %v, want both failures reported", err)
	}
}

func TestModelRows(t *testing.T) {
	rows := ModelRows()
	covered := map[STRIDE]bool{}
	for _, r := range rows {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if r.Section == SectionSTRIDE {
			covered[r.Category] = true
		}
	}
	for _, s := range AllSTRIDE() {
		if !covered[s] {
			t.Errorf("no STRIDE row for %s", s)
		}
	}
	total := 0
	for _, s := range []Section{SectionSTRIDE, SectionATTACK, SectionControls} {
		got := ModelSection(s)
		if len(got) == 0 || strings.HasPrefix(s.String(), "Section(") {
			t.Errorf("section %s: %d rows", s, len(got))
		}
		total += len(got)
	}
	if total != len(rows) {
		t.Errorf("sections hold %d rows, ModelRows %d", total, len(rows))
	}
	bad := Row{Section: SectionATTACK, Technique: T1611, Tactic: TacticImpact, Vulnerability: "x", CWE: []*CWE{{ID: 1}}}
	err := bad.Validate()
	if err == nil || !strings.Contains(err.Error(), "not one of its tactics") || !strings.Contains(err.Error(), "not a catalogue entry") {
		t.Errorf("bad row: %v", err)
	}
}

// TestThreatModelDocument is the coverage check the design asks for: every
// category, technique and control the threat model names must resolve in the
// catalogue and appear in ModelRows with the document's wording.
func TestThreatModelDocument(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "threat-model.md"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("threat model not present:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	tables := parseMarkdownTables(string(data))
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	rows := ModelRows()
	find := func(s Section, match func(Row) bool) *Row {
		for i := range rows {
			if rows[i].Section == s && match(rows[i]) {
				return &rows[i]
			}
		}
		return nil
	}

	stride := tables[SectionSTRIDE]
	if len(stride) == 0 {
		t.Fatal("no STRIDE table found in the threat model")
	}
	for _, cells := range stride {
		if len(cells) < 4 {
			t.Errorf("STRIDE row %q has %d cells", cells, len(cells))
			continue
		}
		name, _, _ := strings.Cut(cells[0], "(")
		cat, ok := ParseSTRIDE(name)
		if !ok {
			t.Errorf("STRIDE category %q does not parse", cells[0])
			continue
		}
		r := find(SectionSTRIDE, func(r Row) bool { return r.Category == cat && norm(r.Vulnerability) == norm(cells[1]) })
		if r == nil {
			t.Errorf("no STRIDE row for %s / %q", cat, cells[1])
			continue
		}
		if norm(r.Impact) != norm(cells[2]) || norm(r.Mitigation) != norm(cells[3]) {
			t.Errorf("%s row: impact/mitigation %q / %q, document has %q / %q", cat, r.Impact, r.Mitigation, cells[2], cells[3])
		}
	}

	attack := tables[SectionATTACK]
	if len(attack) == 0 {
		t.Fatal("no ATT&CK table found in the threat model")
	}
	for _, cells := range attack {
		if len(cells) < 4 {
			t.Errorf("ATT&CK row %q has %d cells", cells, len(cells))
			continue
		}
		tactic, id, name, vuln := cells[0], cells[1], cells[2], cells[3]
		tech := TechniqueByID(id)
		if tech == nil {
			t.Errorf("technique %s (%s) is not in the catalogue", id, name)
			continue
		}
		if tech.ID != id || tech.Name != name {
			t.Errorf("technique %s %q: catalogue has %s %q", id, name, tech.ID, tech.Name)
		}
		if !slices.Contains(tech.Tactics, tactic) {
			t.Errorf("technique %s: tactic %q is not among %q", id, tactic, tech.Tactics)
		}
		if find(SectionATTACK, func(r Row) bool {
			return r.Technique == tech && r.Tactic == tactic && norm(r.Vulnerability) == norm(vuln)
		}) == nil {
			t.Errorf("no ATT&CK row for %s under %s with %q", id, tactic, vuln)
		}
	}

	mapping := tables[SectionControls]
	if len(mapping) == 0 {
		t.Fatal("no controls table found in the threat model")
	}
	for _, cells := range mapping {
		if len(cells) < 2 {
			t.Errorf("controls row %q has %d cells", cells, len(cells))
			continue
		}
		r := find(SectionControls, func(r Row) bool { return norm(r.Vulnerability) == norm(cells[0]) })
		if r == nil {
			t.Errorf("no controls row for %q", cells[0])
			continue
		}
		for _, ref := range strings.Split(cells[1], ",") {
			ref = strings.TrimSpace(ref)
			if strings.HasPrefix(ref, "CIS Docker Benchmark") {
				if len(r.CIS) == 0 {
					t.Errorf("%q cites the CIS Docker Benchmark but the row names no CIS item", cells[0])
				}
				continue
			}
			c, err := resolveDocControl(ref)
			if err != nil {
				t.Errorf("%q: %v", cells[0], err)
				continue
			}
			if !slices.Contains(r.Controls, c) {
				t.Errorf("%q: row lacks %s (document: %q)", cells[0], c, ref)
			}
		}
	}
}

// resolveDocControl maps the threat model's loose spellings ("NIST SP 800-53:
// SI-7", "OWASP Top Ten A07:2021", even "OWASP ASVS A05:2021") to a catalogue
// control: the last word is the ID, and the first word (OWASP or NIST) must
// agree with the framework. The ID must then be unique.
func resolveDocControl(ref string) (*Control, error) {
	words := strings.Fields(ref)
	if len(words) < 2 {
		return nil, fmt.Errorf("control %q has no ID", ref)
	}
	id := words[len(words)-1]
	var found []*Control
	for _, c := range Controls() {
		if c.ID == id && strings.HasPrefix(c.Framework, words[0]+" ") {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("control %q resolves to %d catalogue entries", ref, len(found))
	}
	return found[0], nil
}

// parseMarkdownTables returns the body rows of the tables under the threat
// model's STRIDE, ATT&CK and controls headings. It tolerates a missing
// closing pipe, which the document has.
func parseMarkdownTables(text string) map[Section][][]string {
	sepRE := regexp.MustCompile(`^:?-+:?$`)
	out := map[Section][][]string{}
	var cur Section
	headerSeen := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") {
			headerSeen = false
			switch {
			case strings.Contains(line, "STRIDE"):
				cur = SectionSTRIDE
			case strings.Contains(line, "ATT&CK"):
				cur = SectionATTACK
			case strings.Contains(line, "Controls"):
				cur = SectionControls
			default:
				cur = 0
			}
			continue
		}
		if cur == 0 || !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.TrimPrefix(line, "|"), "|")
		if strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1]
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if slices.ContainsFunc(cells, sepRE.MatchString) {
			continue
		}
		if !headerSeen {
			headerSeen = true
			continue
		}
		out[cur] = append(out[cur], cells)
	}
	return out
}
