package threat

import (
	"errors"
	"fmt"
	"slices"
)

// Section is one of the tables of the project's threat model
// (../shared/threat-model.md). Rows keep their section so a report can
// rebuild each table in the document's order.
type Section int

// The threat model's tables, in document order.
const (
	SectionSTRIDE Section = iota + 1
	SectionATTACK
	SectionControls
)

// String returns the table's heading as the threat model titles it.
func (s Section) String() string {
	switch s {
	case SectionSTRIDE:
		return "STRIDE Analysis"
	case SectionATTACK:
		return "MITRE ATT&CK for Containers"
	case SectionControls:
		return "Controls Mapping"
	}
	return fmt.Sprintf("Section(%d)", int(s))
}

// Row is one row of the threat model, typed against the catalogue. The text
// fields keep the document's wording so a rendered table reads like the
// document; the typed fields tie the row to catalogue entries so tests can
// prove the catalogue covers every threat the model names.
//
// Which fields are set depends on Section: STRIDE rows have Category,
// Impact and Mitigation; ATT&CK rows have Tactic and Technique; Controls
// rows have Controls and CIS. Vulnerability and CWE are set on every row.
type Row struct {
	Section       Section
	Category      STRIDE     // STRIDE table: the threat category
	Tactic        string     // ATT&CK table: the tactic the model files the technique under
	Technique     *Technique // ATT&CK table: the technique
	Vulnerability string     // the model's "Vulnerability" / "Relevant Vulnerability" cell
	Impact        string     // STRIDE table
	Mitigation    string     // STRIDE table
	Controls      []*Control // Controls table: the frameworks' controls
	CIS           []*CISItem // Controls table: the model's "CIS Docker Benchmark", made specific
	CWE           []*CWE     // the weaknesses behind the vulnerability
	Note          string     // where the typed mapping departs from the document's wording, and why
}

// ModelRows returns the threat model's rows in document order: the STRIDE
// table, then the ATT&CK table, then the controls mapping. It builds a new
// slice each call, so callers may keep or modify it.
func ModelRows() []Row {
	const (
		b105        = "Hardcoded password (B105)"
		subprocess  = "Unsafe subprocess execution (B602, B404)"
		b104Access  = "B104 Binding to all interfaces ; external access to /ping /calculate"
		envPassword = "Used environment variables, created .env file to store passwords."
	)
	return []Row{
		{Section: SectionSTRIDE, Category: Spoofing, Vulnerability: b105,
			Impact: "Unauthorized access", Mitigation: envPassword,
			CWE: []*CWE{CWE259, CWE798}},
		{Section: SectionSTRIDE, Category: Tampering, Vulnerability: subprocess,
			Impact:     "Malicious commands execution",
			Mitigation: "Input validation, used subprocess with shell=False, pass a list of strings to subprocess instead of a string.",
			CWE:        []*CWE{CWE78}},
		{Section: SectionSTRIDE, Category: Repudiation, Vulnerability: "No logging",
			Impact: "Unauthorized changes not logged", Mitigation: "Could add logging of app",
			CWE: []*CWE{CWE778}},
		{Section: SectionSTRIDE, Category: InformationDisclosure, Vulnerability: b105,
			Impact: "Unauthorized access to code repositories and restricted files.", Mitigation: envPassword,
			CWE: []*CWE{CWE798, CWE200}},
		{Section: SectionSTRIDE, Category: DenialOfService, Vulnerability: "Unsafe eval() (B307), Bind-all interfaces (B104)",
			Impact:     "Can use eval(), ping, and opened ports to conduct DoS attacks.",
			Mitigation: "Replaced eval() with ast.literal_eval, restrict access to localhost",
			CWE:        []*CWE{CWE95, CWE1327, CWE400}},
		{Section: SectionSTRIDE, Category: ElevationOfPrivilege, Vulnerability: "Unsafe subprocess execution (B602); Running as root user",
			Impact: "Unauthorized system-level access.", Mitigation: "Used non root user; Docker hardening",
			CWE: []*CWE{CWE78, CWE250}},

		{Section: SectionATTACK, Tactic: TacticInitialAccess, Technique: T1190, Vulnerability: b104Access,
			CWE: []*CWE{CWE1327}},
		{Section: SectionATTACK, Tactic: TacticExecution, Technique: T1609,
			Vulnerability: "Ensure not running as root user, fixed B602 Unsafe subprocess execution vulnerability",
			CWE:           []*CWE{CWE250, CWE78}},
		{Section: SectionATTACK, Tactic: TacticPersistence, Technique: T1078,
			Vulnerability: "Ensure not running as root user, fixed B404, B602 Unsafe subprocess execution vulnerability",
			CWE:           []*CWE{CWE250, CWE78},
			Note:          "ATT&CK lists Valid Accounts first under Initial Access; the model files it under Persistence, one of its tactics, and so does the catalogue."},
		{Section: SectionATTACK, Tactic: TacticPrivilegeEscalation, Technique: T1611,
			Vulnerability: "Fixed B602 subprocess vulnerability- Unsafe subprocess execution",
			CWE:           []*CWE{CWE78, CWE250}},
		{Section: SectionATTACK, Tactic: TacticDefenseEvasion, Technique: T1070, Vulnerability: "B307 unsafe eval() usage",
			CWE: []*CWE{CWE95}},
		{Section: SectionATTACK, Tactic: TacticCredentialAccess, Technique: T1552_001, Vulnerability: "B105 Hardcoded password",
			CWE: []*CWE{CWE259, CWE798}},
		{Section: SectionATTACK, Tactic: TacticDiscovery, Technique: T1046, Vulnerability: b104Access,
			CWE: []*CWE{CWE1327}},
		{Section: SectionATTACK, Tactic: TacticImpact, Technique: T1499, Vulnerability: b104Access,
			CWE: []*CWE{CWE1327, CWE400}},

		{Section: SectionControls, Vulnerability: "B404 Unsafe subprocess",
			Controls: []*Control{ASVS_V5, NIST53_SI7}, CWE: []*CWE{CWE78}},
		{Section: SectionControls, Vulnerability: "B105 Hardcoded password",
			Controls: []*Control{Top10_A07}, CIS: []*CISItem{CIS4_10}, CWE: []*CWE{CWE259, CWE798}},
		{Section: SectionControls, Vulnerability: "B602 Subprocess with shell=True",
			Controls: []*Control{ASVS_V5, NIST53_AC6}, CWE: []*CWE{CWE78}},
		{Section: SectionControls, Vulnerability: "B307 Insecure eval usage",
			Controls: []*Control{Top10_A03}, CWE: []*CWE{CWE95}},
		{Section: SectionControls, Vulnerability: "B104 Binding to all interfaces",
			Controls: []*Control{Top10_A05}, CIS: []*CISItem{CIS5_9}, CWE: []*CWE{CWE1327},
			Note: "The model writes \"OWASP ASVS A05:2021\"; A05:2021 is the OWASP Top Ten 2021 category Security Misconfiguration."},
	}
}

// ModelSection returns the rows of one table, in document order.
func ModelSection(s Section) []Row {
	return slices.DeleteFunc(ModelRows(), func(r Row) bool { return r.Section != s })
}

// Validate checks the row has the fields its section needs and cites only
// catalogue entries, so a report never renders a half-filled row.
func (r Row) Validate() error {
	var errs []error
	switch r.Section {
	case SectionSTRIDE:
		if !r.Category.Valid() {
			errs = append(errs, errors.New("STRIDE row without a valid category"))
		}
		if r.Impact == "" || r.Mitigation == "" {
			errs = append(errs, errors.New("STRIDE row without impact or mitigation"))
		}
	case SectionATTACK:
		if r.Technique == nil {
			errs = append(errs, errors.New("ATT&CK row without a technique"))
		} else if !slices.Contains(r.Technique.Tactics, r.Tactic) {
			errs = append(errs, fmt.Errorf("ATT&CK row files %s under %q, not one of its tactics %q", r.Technique.ID, r.Tactic, r.Technique.Tactics))
		}
	case SectionControls:
		if len(r.Controls)+len(r.CIS) == 0 {
			errs = append(errs, errors.New("controls row without controls"))
		}
	default:
		errs = append(errs, fmt.Errorf("row in unknown section %d", int(r.Section)))
	}
	if r.Vulnerability == "" {
		errs = append(errs, errors.New("row without a vulnerability"))
	}
	if len(r.CWE) == 0 {
		errs = append(errs, errors.New("row without a CWE"))
	}
	var techs []*Technique
	if r.Technique != nil {
		techs = []*Technique{r.Technique}
	}
	errs = append(errs, checkMembers(techs, r.CIS, r.CWE, r.Controls)...)
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("threat model row %q: %w", r.Vulnerability, err)
	}
	return nil
}

// Validate checks a rule's threat metadata: at least one valid STRIDE
// category, at least one CWE, no duplicates, and every pointer one of the
// catalogue's own values. Identity matters because a copy made inline
// (&threat.Technique{ID: "T1611", ...}) can drift from the catalogue's name
// and tactic without anything noticing; requiring the package var makes such
// a typo fail here, in the rules' meta-test.
func (r Ref) Validate() error {
	var errs []error
	if len(r.STRIDE) == 0 {
		errs = append(errs, errors.New("no STRIDE category"))
	}
	for i, s := range r.STRIDE {
		if !s.Valid() {
			errs = append(errs, fmt.Errorf("invalid STRIDE value %d", int(s)))
		} else if slices.Index(r.STRIDE, s) != i {
			errs = append(errs, fmt.Errorf("STRIDE category %s listed twice", s))
		}
	}
	if len(r.CWE) == 0 {
		errs = append(errs, errors.New("no CWE"))
	}
	errs = append(errs, checkMembers(r.ATTACK, r.CIS, r.CWE, r.Controls)...)
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("threat ref: %w", err)
	}
	return nil
}

func checkMembers(techs []*Technique, cis []*CISItem, cwe []*CWE, ctrls []*Control) []error {
	var errs []error
	errs = append(errs, checkList("ATT&CK technique", techs, techniques)...)
	errs = append(errs, checkList("CIS item", cis, cisItems)...)
	errs = append(errs, checkList("CWE", cwe, cwes)...)
	errs = append(errs, checkList("control", ctrls, controls)...)
	return errs
}

// checkList reports nil entries, entries that are not the catalogue's own
// pointer, and entries listed twice. Linear scans suffice: lists are short
// and Validate runs in tests, and a map would mean work at package init.
func checkList[T interface {
	comparable
	fmt.Stringer
}](kind string, list, catalogue []T) []error {
	var zero T
	var errs []error
	for i, v := range list {
		switch {
		case v == zero:
			errs = append(errs, fmt.Errorf("nil %s at index %d", kind, i))
		case !slices.Contains(catalogue, v):
			errs = append(errs, fmt.Errorf("%s %s is not a catalogue entry (use the threat package's variable, not a literal)", kind, v))
		case slices.Index(list, v) != i:
			errs = append(errs, fmt.Errorf("%s %s listed twice", kind, v))
		}
	}
	return errs
}
