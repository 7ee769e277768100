package threat

import "strings"

// Framework names as Control.Framework spells them. Reports print
// Framework+" "+ID, so these strings are part of the JSON output contract.
const (
	FrameworkNIST53  = "NIST SP 800-53"
	FrameworkNIST190 = "NIST SP 800-190"
	FrameworkASVS    = "OWASP ASVS"
	FrameworkTop10   = "OWASP Top Ten"
)

// OWASP ASVS 4.0.3 chapters. Rules cite the chapter rather than a numbered
// requirement because ASVS 5.0 renumbered the requirements but a chapter's
// subject is what a Dockerfile finding speaks to.
var (
	ASVS_V1  = &Control{Framework: FrameworkASVS, ID: "V1", Title: "Architecture, Design and Threat Modeling"}
	ASVS_V2  = &Control{Framework: FrameworkASVS, ID: "V2", Title: "Authentication"}
	ASVS_V5  = &Control{Framework: FrameworkASVS, ID: "V5", Title: "Validation, Sanitization and Encoding"}
	ASVS_V6  = &Control{Framework: FrameworkASVS, ID: "V6", Title: "Stored Cryptography"}
	ASVS_V7  = &Control{Framework: FrameworkASVS, ID: "V7", Title: "Error Handling and Logging"}
	ASVS_V9  = &Control{Framework: FrameworkASVS, ID: "V9", Title: "Communication"}
	ASVS_V10 = &Control{Framework: FrameworkASVS, ID: "V10", Title: "Malicious Code"}
	ASVS_V14 = &Control{Framework: FrameworkASVS, ID: "V14", Title: "Configuration"}
)

// OWASP Top Ten 2021 categories, with IDs in the "A05:2021" form OWASP uses
// so the year is never lost when a later edition reuses the number.
var (
	Top10_A01 = &Control{Framework: FrameworkTop10, ID: "A01:2021", Title: "Broken Access Control"}
	Top10_A02 = &Control{Framework: FrameworkTop10, ID: "A02:2021", Title: "Cryptographic Failures"}
	Top10_A03 = &Control{Framework: FrameworkTop10, ID: "A03:2021", Title: "Injection"}
	Top10_A04 = &Control{Framework: FrameworkTop10, ID: "A04:2021", Title: "Insecure Design"}
	Top10_A05 = &Control{Framework: FrameworkTop10, ID: "A05:2021", Title: "Security Misconfiguration"}
	Top10_A06 = &Control{Framework: FrameworkTop10, ID: "A06:2021", Title: "Vulnerable and Outdated Components"}
	Top10_A07 = &Control{Framework: FrameworkTop10, ID: "A07:2021", Title: "Identification and Authentication Failures"}
	Top10_A08 = &Control{Framework: FrameworkTop10, ID: "A08:2021", Title: "Software and Data Integrity Failures"}
	Top10_A09 = &Control{Framework: FrameworkTop10, ID: "A09:2021", Title: "Security Logging and Monitoring Failures"}
	Top10_A10 = &Control{Framework: FrameworkTop10, ID: "A10:2021", Title: "Server-Side Request Forgery (SSRF)"}
)

// NIST SP 800-53 Rev. 5 controls, base controls only: enhancements such as
// AC-6(9) are more precise than a static finding can justify.
var (
	NIST53_AC3  = &Control{Framework: FrameworkNIST53, ID: "AC-3", Title: "Access Enforcement"}
	NIST53_AC6  = &Control{Framework: FrameworkNIST53, ID: "AC-6", Title: "Least Privilege"}
	NIST53_AC17 = &Control{Framework: FrameworkNIST53, ID: "AC-17", Title: "Remote Access"}
	NIST53_AU2  = &Control{Framework: FrameworkNIST53, ID: "AU-2", Title: "Event Logging"}
	NIST53_AU12 = &Control{Framework: FrameworkNIST53, ID: "AU-12", Title: "Audit Record Generation"}
	NIST53_CM2  = &Control{Framework: FrameworkNIST53, ID: "CM-2", Title: "Baseline Configuration"}
	NIST53_CM6  = &Control{Framework: FrameworkNIST53, ID: "CM-6", Title: "Configuration Settings"}
	NIST53_CM7  = &Control{Framework: FrameworkNIST53, ID: "CM-7", Title: "Least Functionality"}
	NIST53_CM11 = &Control{Framework: FrameworkNIST53, ID: "CM-11", Title: "User-installed Software"}
	NIST53_IA5  = &Control{Framework: FrameworkNIST53, ID: "IA-5", Title: "Authenticator Management"}
	NIST53_RA5  = &Control{Framework: FrameworkNIST53, ID: "RA-5", Title: "Vulnerability Monitoring and Scanning"}
	NIST53_SC5  = &Control{Framework: FrameworkNIST53, ID: "SC-5", Title: "Denial-of-service Protection"}
	NIST53_SC7  = &Control{Framework: FrameworkNIST53, ID: "SC-7", Title: "Boundary Protection"}
	NIST53_SC8  = &Control{Framework: FrameworkNIST53, ID: "SC-8", Title: "Transmission Confidentiality and Integrity"}
	NIST53_SC12 = &Control{Framework: FrameworkNIST53, ID: "SC-12", Title: "Cryptographic Key Establishment and Management"}
	NIST53_SC13 = &Control{Framework: FrameworkNIST53, ID: "SC-13", Title: "Cryptographic Protection"}
	NIST53_SC28 = &Control{Framework: FrameworkNIST53, ID: "SC-28", Title: "Protection of Information at Rest"}
	NIST53_SI2  = &Control{Framework: FrameworkNIST53, ID: "SI-2", Title: "Flaw Remediation"}
	NIST53_SI4  = &Control{Framework: FrameworkNIST53, ID: "SI-4", Title: "System Monitoring"}
	NIST53_SI7  = &Control{Framework: FrameworkNIST53, ID: "SI-7", Title: "Software, Firmware, and Information Integrity"}
	NIST53_SI10 = &Control{Framework: FrameworkNIST53, ID: "SI-10", Title: "Information Input Validation"}
	NIST53_SR3  = &Control{Framework: FrameworkNIST53, ID: "SR-3", Title: "Supply Chain Controls and Processes"}
	NIST53_SR4  = &Control{Framework: FrameworkNIST53, ID: "SR-4", Title: "Provenance"}
	NIST53_SR11 = &Control{Framework: FrameworkNIST53, ID: "SR-11", Title: "Component Authenticity"}
)

// NIST SP 800-190 (Application Container Security Guide) countermeasure
// sections. Section 4 mirrors section 3's risks number for number, and the
// countermeasure is what a finding asks the user to apply, so IDs are 4.x.
var (
	NIST190_4_1_1 = &Control{Framework: FrameworkNIST190, ID: "4.1.1", Title: "Image vulnerabilities"}
	NIST190_4_1_2 = &Control{Framework: FrameworkNIST190, ID: "4.1.2", Title: "Image configuration defects"}
	NIST190_4_1_3 = &Control{Framework: FrameworkNIST190, ID: "4.1.3", Title: "Embedded malware"}
	NIST190_4_1_4 = &Control{Framework: FrameworkNIST190, ID: "4.1.4", Title: "Embedded clear text secrets"}
	NIST190_4_1_5 = &Control{Framework: FrameworkNIST190, ID: "4.1.5", Title: "Use of untrusted images"}
	NIST190_4_2_1 = &Control{Framework: FrameworkNIST190, ID: "4.2.1", Title: "Insecure connections to registries"}
	NIST190_4_2_2 = &Control{Framework: FrameworkNIST190, ID: "4.2.2", Title: "Stale images in registries"}
	NIST190_4_4_1 = &Control{Framework: FrameworkNIST190, ID: "4.4.1", Title: "Vulnerabilities within the runtime software"}
	NIST190_4_4_2 = &Control{Framework: FrameworkNIST190, ID: "4.4.2", Title: "Unbounded network access from containers"}
	NIST190_4_4_3 = &Control{Framework: FrameworkNIST190, ID: "4.4.3", Title: "Insecure container runtime configurations"}
	NIST190_4_4_4 = &Control{Framework: FrameworkNIST190, ID: "4.4.4", Title: "App vulnerabilities"}
	NIST190_4_4_5 = &Control{Framework: FrameworkNIST190, ID: "4.4.5", Title: "Rogue containers"}
)

// controls is the catalogue, sorted by framework then ID in natural order
// (AC-3 before AC-17, V2 before V10), which is how the frameworks list them.
var controls = []*Control{
	NIST53_AC3, NIST53_AC6, NIST53_AC17, NIST53_AU2, NIST53_AU12, NIST53_CM2, NIST53_CM6, NIST53_CM7, NIST53_CM11, NIST53_IA5, NIST53_RA5, NIST53_SC5, NIST53_SC7, NIST53_SC8, NIST53_SC12, NIST53_SC13, NIST53_SC28, NIST53_SI2, NIST53_SI4, NIST53_SI7, NIST53_SI10, NIST53_SR3, NIST53_SR4, NIST53_SR11,
	NIST190_4_1_1, NIST190_4_1_2, NIST190_4_1_3, NIST190_4_1_4, NIST190_4_1_5, NIST190_4_2_1, NIST190_4_2_2, NIST190_4_4_1, NIST190_4_4_2, NIST190_4_4_3, NIST190_4_4_4, NIST190_4_4_5,
	ASVS_V1, ASVS_V2, ASVS_V5, ASVS_V6, ASVS_V7, ASVS_V9, ASVS_V10, ASVS_V14,
	Top10_A01, Top10_A02, Top10_A03, Top10_A04, Top10_A05, Top10_A06, Top10_A07, Top10_A08, Top10_A09, Top10_A10,
}

// Controls returns every control of the catalogue, sorted by framework then
// ID. The slice is a copy; the pointers are the catalogue's own.
func Controls() []*Control { return append([]*Control(nil), controls...) }

// ControlByID looks a control up by framework (one of the Framework
// constants) and ID ("AC-6"). It returns nil when the catalogue lacks it.
func ControlByID(framework, id string) *Control {
	return ControlByString(strings.TrimSpace(framework) + " " + strings.TrimSpace(id))
}

// ControlByString resolves the form Control.String renders ("NIST SP 800-53
// AC-6"), case-insensitively, so the strings in JSON output and user
// configuration map back to catalogue entries.
func ControlByString(s string) *Control {
	s = strings.Join(strings.Fields(s), " ")
	return find(controls, func(c *Control) bool { return strings.EqualFold(c.String(), s) })
}
