package threat

// Weaknesses of MITRE's CWE list that dockstride findings cite, with their
// official names (CWE 4.x spelling, including the quoted short forms). Each
// comment says what the weakness looks like in a container.
var (
	// CWE20: untrusted build arguments and inputs reach commands unchecked.
	CWE20 = &CWE{ID: 20, Name: "Improper Input Validation"}
	// CWE22: archive entries and COPY paths can escape their intended directory.
	CWE22 = &CWE{ID: 22, Name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')"}
	// CWE73: build arguments choose which files are copied or fetched.
	CWE73 = &CWE{ID: 73, Name: "External Control of File Name or Path"}
	// CWE78: shell-form commands and interpolated variables become command injection.
	CWE78 = &CWE{ID: 78, Name: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')"}
	// CWE89: SQL built from request data reaches the database as code.
	CWE89 = &CWE{ID: 89, Name: "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')"}
	// CWE94: a debugger or eval endpoint in the shipped service runs code sent to it.
	CWE94 = &CWE{ID: 94, Name: "Improper Control of Generation of Code ('Code Injection')"}
	// CWE95: eval of variables in RUN or entrypoint scripts executes attacker text.
	CWE95 = &CWE{ID: 95, Name: "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')"}
	// CWE200: image layers and config are readable by anyone who can pull the image.
	CWE200 = &CWE{ID: 200, Name: "Exposure of Sensitive Information to an Unauthorized Actor"}
	// CWE250: a container process running as root.
	CWE250 = &CWE{ID: 250, Name: "Execution with Unnecessary Privileges"}
	// CWE256: passwords stored unencrypted in image files.
	CWE256 = &CWE{ID: 256, Name: "Plaintext Storage of a Password"}
	// CWE258: an account with an empty password in the image's /etc/shadow.
	CWE258 = &CWE{ID: 258, Name: "Empty Password in Configuration File"}
	// CWE259: a password written into a Dockerfile or image.
	CWE259 = &CWE{ID: 259, Name: "Use of Hard-coded Password"}
	// CWE260: passwords in configuration files copied into the image.
	CWE260 = &CWE{ID: 260, Name: "Password in Configuration File"}
	// CWE269: sudo, su and user switching done wrongly.
	CWE269 = &CWE{ID: 269, Name: "Improper Privilege Management"}
	// CWE276: files created with permissions wider than needed.
	CWE276 = &CWE{ID: 276, Name: "Incorrect Default Permissions"}
	// CWE284: resources inside the container reachable without control.
	CWE284 = &CWE{ID: 284, Name: "Improper Access Control"}
	// CWE295: downloads with TLS verification disabled.
	CWE295 = &CWE{ID: 295, Name: "Improper Certificate Validation"}
	// CWE306: an administrative API or daemon exposed without authentication.
	CWE306 = &CWE{ID: 306, Name: "Missing Authentication for Critical Function"}
	// CWE312: secrets stored unencrypted in layers.
	CWE312 = &CWE{ID: 312, Name: "Cleartext Storage of Sensitive Information"}
	// CWE319: fetching code or keys over plain HTTP.
	CWE319 = &CWE{ID: 319, Name: "Cleartext Transmission of Sensitive Information"}
	// CWE321: private keys baked into an image.
	CWE321 = &CWE{ID: 321, Name: "Use of Hard-coded Cryptographic Key"}
	// CWE326: weak keys or protocols configured in the image.
	CWE326 = &CWE{ID: 326, Name: "Inadequate Encryption Strength"}
	// CWE327: MD5 or SHA-1 used to verify downloads.
	CWE327 = &CWE{ID: 327, Name: "Use of a Broken or Risky Cryptographic Algorithm"}
	// CWE328: MD5 or SHA-1 used where a collision or preimage breaks security.
	CWE328 = &CWE{ID: 328, Name: "Use of Weak Hash"}
	// CWE330: tokens or passwords made with a predictable generator.
	CWE330 = &CWE{ID: 330, Name: "Use of Insufficiently Random Values"}
	// CWE338: the random module's Mersenne Twister used for secrets.
	CWE338 = &CWE{ID: 338, Name: "Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)"}
	// CWE345: base images and artifacts taken without verifying their origin.
	CWE345 = &CWE{ID: 345, Name: "Insufficient Verification of Data Authenticity"}
	// CWE347: package signature checks switched off.
	CWE347 = &CWE{ID: 347, Name: "Improper Verification of Cryptographic Signature"}
	// CWE353: a download with no checksum to compare against.
	CWE353 = &CWE{ID: 353, Name: "Missing Support for Integrity Check"}
	// CWE377: fixed paths under /tmp that another process can create first.
	CWE377 = &CWE{ID: 377, Name: "Insecure Temporary File"}
	// CWE400: a container that can exhaust host resources.
	CWE400 = &CWE{ID: 400, Name: "Uncontrolled Resource Consumption"}
	// CWE426: a program started by bare name is whatever PATH finds first.
	CWE426 = &CWE{ID: 426, Name: "Untrusted Search Path"}
	// CWE434: ADD of remote archives that are unpacked unchecked.
	CWE434 = &CWE{ID: 434, Name: "Unrestricted Upload of File with Dangerous Type"}
	// CWE489: a development debugger left on in the shipped service.
	CWE489 = &CWE{ID: 489, Name: "Active Debug Code"}
	// CWE494: curl | sh and unverified downloads executed at build time.
	CWE494 = &CWE{ID: 494, Name: "Download of Code Without Integrity Check"}
	// CWE502: pickle or an unsafe YAML loader turns data into code.
	CWE502 = &CWE{ID: 502, Name: "Deserialization of Untrusted Data"}
	// CWE522: credentials passed through build arguments or environment.
	CWE522 = &CWE{ID: 522, Name: "Insufficiently Protected Credentials"}
	// CWE538: secrets left in files that ship with the image.
	CWE538 = &CWE{ID: 538, Name: "Insertion of Sensitive Information into Externally-Accessible File or Directory"}
	// CWE552: a broad COPY context that ships unintended files.
	CWE552 = &CWE{ID: 552, Name: "Files or Directories Accessible to External Parties"}
	// CWE605: duplicate or conflicting EXPOSE declarations.
	CWE605 = &CWE{ID: 605, Name: "Multiple Binds to the Same Port"}
	// CWE668: host resources such as the Docker socket exposed to the container.
	CWE668 = &CWE{ID: 668, Name: "Exposure of Resource to Wrong Sphere"}
	// CWE694: two accounts or groups sharing one numeric ID (a second UID 0).
	CWE694 = &CWE{ID: 694, Name: "Use of Multiple Resources with Duplicate Identifier"}
	// CWE693: security features disabled in the image.
	CWE693 = &CWE{ID: 693, Name: "Protection Mechanism Failure"}
	// CWE710: Dockerfile hygiene issues with security consequences.
	CWE710 = &CWE{ID: 710, Name: "Improper Adherence to Coding Standards"}
	// CWE732: world-writable files and chmod 777.
	CWE732 = &CWE{ID: 732, Name: "Incorrect Permission Assignment for Critical Resource"}
	// CWE754: a failing command hidden by a pipeline (no pipefail) lets
	// the build go on with a partial or empty download.
	CWE754 = &CWE{ID: 754, Name: "Improper Check for Unusual or Exceptional Conditions"}
	// CWE770: no memory, CPU or process limits.
	CWE770 = &CWE{ID: 770, Name: "Allocation of Resources Without Limits or Throttling"}
	// CWE778: nothing records what happened inside the container.
	CWE778 = &CWE{ID: 778, Name: "Insufficient Logging"}
	// CWE798: credentials of any kind embedded in the image.
	CWE798 = &CWE{ID: 798, Name: "Use of Hard-coded Credentials"}
	// CWE829: base images and scripts from sources outside your control.
	CWE829 = &CWE{ID: 829, Name: "Inclusion of Functionality from Untrusted Control Sphere"}
	// CWE862: actions that anyone reaching the container can perform.
	CWE862 = &CWE{ID: 862, Name: "Missing Authorization"}
	// CWE912: undocumented services or backdoors shipped in the image.
	CWE912 = &CWE{ID: 912, Name: "Hidden Functionality"}
	// CWE1104: end-of-life base images and packages.
	CWE1104 = &CWE{ID: 1104, Name: "Use of Unmaintained Third Party Components"}
	// CWE1188: insecure defaults left in place in the image.
	CWE1188 = &CWE{ID: 1188, Name: "Initialization of a Resource with an Insecure Default"}
	// CWE1327: services bound to 0.0.0.0 and reachable from every network.
	CWE1327 = &CWE{ID: 1327, Name: "Binding to an Unrestricted IP Address"}
	// CWE1357: unpinned or mutable dependencies such as :latest tags.
	CWE1357 = &CWE{ID: 1357, Name: "Reliance on Insufficiently Trustworthy Component"}
	// CWE1395: known-vulnerable packages shipped in the image.
	CWE1395 = &CWE{ID: 1395, Name: "Dependency on Vulnerable Third-Party Component"}
)

// cwes is the catalogue, sorted by ID.
var cwes = []*CWE{
	CWE20, CWE22, CWE73, CWE78, CWE89, CWE94, CWE95, CWE200, CWE250, CWE256, CWE258, CWE259, CWE260,
	CWE269, CWE276, CWE284, CWE295, CWE306, CWE312, CWE319, CWE321, CWE326, CWE327, CWE328, CWE330,
	CWE338, CWE345, CWE347, CWE353, CWE377, CWE400, CWE426, CWE434, CWE489, CWE494, CWE502, CWE522,
	CWE538, CWE552, CWE605, CWE668, CWE693, CWE694, CWE710, CWE732, CWE754, CWE770, CWE778, CWE798,
	CWE829, CWE862, CWE912, CWE1104, CWE1188, CWE1327, CWE1357, CWE1395,
}

// CWEs returns every weakness of the catalogue, sorted by ID. The slice is a
// copy; the pointers are the catalogue's own.
func CWEs() []*CWE { return append([]*CWE(nil), cwes...) }

// CWEByID looks a weakness up by number (250 for CWE-250). It returns nil
// for weaknesses the catalogue does not hold.
func CWEByID(id int) *CWE { return find(cwes, func(c *CWE) bool { return c.ID == id }) }
