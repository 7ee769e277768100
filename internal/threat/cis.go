package threat

import "strings"

// CISBenchmark names the benchmark and version whose numbering the CISItem
// values follow. Item numbers shift between releases (v1.6.0 inserted 5.1
// "swarm mode", moving every later runtime item down by one), so reports
// must say which release a number refers to.
const CISBenchmark = "CIS Docker Benchmark v1.6.0"

// Section 4 of the benchmark, "Container Images and Build File
// Configuration": the items a Dockerfile or image can be checked against.
var (
	// CIS4_1 is cited by rules about running as root.
	CIS4_1 = &CISItem{Number: "4.1", Title: "Ensure that a user for the container has been created"}
	// CIS4_2 is cited by base-image provenance rules.
	CIS4_2 = &CISItem{Number: "4.2", Title: "Ensure that containers use only trusted base images"}
	// CIS4_3 is cited by rules about package bloat and debugging tools.
	CIS4_3 = &CISItem{Number: "4.3", Title: "Ensure that unnecessary packages are not installed in the container"}
	// CIS4_4 is cited by rules about stale or unpatched images.
	CIS4_4 = &CISItem{Number: "4.4", Title: "Ensure that images are scanned and rebuilt to include security patches"}
	// CIS4_5 is cited by image signing and digest-pinning rules.
	CIS4_5 = &CISItem{Number: "4.5", Title: "Ensure Content trust for Docker is Enabled"}
	// CIS4_6 is cited by the missing-HEALTHCHECK rule.
	CIS4_6 = &CISItem{Number: "4.6", Title: "Ensure that HEALTHCHECK instructions have been added to container images"}
	// CIS4_7 is cited by rules about a package index update cached in its own layer.
	CIS4_7 = &CISItem{Number: "4.7", Title: "Ensure update instructions are not used alone in Dockerfiles"}
	// CIS4_8 is cited by setuid/setgid binary rules.
	CIS4_8 = &CISItem{Number: "4.8", Title: "Ensure setuid and setgid permissions are removed"}
	// CIS4_9 is cited by ADD-instead-of-COPY rules.
	CIS4_9 = &CISItem{Number: "4.9", Title: "Ensure that COPY is used instead of ADD in Dockerfiles"}
	// CIS4_10 is cited by every secret-in-image rule.
	CIS4_10 = &CISItem{Number: "4.10", Title: "Ensure secrets are not stored in Dockerfiles"}
	// CIS4_11 is cited by rules about unsigned repositories and disabled package verification.
	CIS4_11 = &CISItem{Number: "4.11", Title: "Ensure only verified packages are installed"}
	// CIS4_12 is cited by rules about downloads without checksum or signature checks.
	CIS4_12 = &CISItem{Number: "4.12", Title: "Ensure all signed artifacts are validated"}
)

// Section 5 of the benchmark, "Container Runtime Configuration". These are
// runtime settings, but a Dockerfile or image config can make them likely
// (EXPOSE 22, a VOLUME on the Docker socket, no HEALTHCHECK), so rules cite
// them. Numbers are v1.6.0's, one higher than v1.5.0 and earlier.
var (
	// CIS5_4 is cited by rules about capability-dependent setups.
	CIS5_4 = &CISItem{Number: "5.4", Title: "Ensure that Linux kernel capabilities are restricted within containers"}
	// CIS5_5 is cited where an image documents or requires --privileged.
	CIS5_5 = &CISItem{Number: "5.5", Title: "Ensure that privileged containers are not used"}
	// CIS5_6 is cited by VOLUME rules on host system directories.
	CIS5_6 = &CISItem{Number: "5.6", Title: "Ensure sensitive host system directories are not mounted on containers"}
	// CIS5_7 is cited by rules that find an SSH daemon in the image.
	CIS5_7 = &CISItem{Number: "5.7", Title: "Ensure sshd is not run within containers"}
	// CIS5_8 is cited by EXPOSE rules for ports below 1024.
	CIS5_8 = &CISItem{Number: "5.8", Title: "Ensure privileged ports are not mapped within containers"}
	// CIS5_9 is cited by EXPOSE rules for needless or administrative ports.
	CIS5_9 = &CISItem{Number: "5.9", Title: "Ensure that only needed ports are open on the container"}
	// CIS5_11 is cited where memory exhaustion is the threat.
	CIS5_11 = &CISItem{Number: "5.11", Title: "Ensure that the memory usage for containers is limited"}
	// CIS5_12 is cited where CPU starvation is the threat.
	CIS5_12 = &CISItem{Number: "5.12", Title: "Ensure that CPU priority is set appropriately on containers"}
	// CIS5_27 is cited alongside CIS4_6 by the missing-HEALTHCHECK rule.
	CIS5_27 = &CISItem{Number: "5.27", Title: "Ensure that container health is checked at runtime"}
	// CIS5_32 is cited by rules that find the Docker socket in a VOLUME or path.
	CIS5_32 = &CISItem{Number: "5.32", Title: "Ensure that the Docker socket is not mounted inside any containers"}
)

// cisItems is the catalogue in benchmark order (numeric, so 4.10 follows 4.9).
var cisItems = []*CISItem{
	CIS4_1, CIS4_2, CIS4_3, CIS4_4, CIS4_5, CIS4_6, CIS4_7, CIS4_8, CIS4_9, CIS4_10, CIS4_11, CIS4_12,
	CIS5_4, CIS5_5, CIS5_6, CIS5_7, CIS5_8, CIS5_9, CIS5_11, CIS5_12, CIS5_27, CIS5_32,
}

// CISItems returns every benchmark item of the catalogue in benchmark order.
// The slice is a copy; the pointers are the catalogue's own.
func CISItems() []*CISItem { return append([]*CISItem(nil), cisItems...) }

// CISByNumber looks an item up by its number ("4.10"). It also accepts the
// form String renders ("CIS Docker 4.10"), so values read back from JSON or
// configuration resolve. It returns nil for numbers the catalogue lacks.
func CISByNumber(number string) *CISItem {
	number = strings.TrimSpace(number)
	number = strings.TrimSpace(strings.TrimPrefix(number, "CIS Docker"))
	return find(cisItems, func(c *CISItem) bool { return c.Number == number })
}
