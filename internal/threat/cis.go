package threat

import "strings"

// CISBenchmark names the benchmark and version whose numbering the CISItem
// values follow. Item numbers shift between releases (v1.6.0 inserted 5.1
// "swarm mode", moving every later runtime item down by one), so reports
// must say which release a number refers to.
const CISBenchmark = "CIS Docker Benchmark v1.6.0"

// Section 2 of the benchmark, "Docker daemon configuration": the items
// daemon.json settings are checked against.
var (
	// CIS2_2 is cited where containers on the default bridge can reach each other (icc).
	CIS2_2 = &CISItem{Number: "2.2", Title: "Ensure network traffic is restricted between containers on the default bridge"}
	// CIS2_5 is cited by rules about registries reached without TLS verification.
	CIS2_5 = &CISItem{Number: "2.5", Title: "Ensure insecure registries are not used"}
	// CIS2_7 is cited where the Docker API listens on TCP without client certificates.
	CIS2_7 = &CISItem{Number: "2.7", Title: "Ensure TLS authentication for Docker daemon is configured"}
	// CIS2_9 is cited where containers' root is the host's root (no userns-remap).
	CIS2_9 = &CISItem{Number: "2.9", Title: "Enable user namespace support"}
	// CIS2_13 is cited where container logs are discarded.
	CIS2_13 = &CISItem{Number: "2.13", Title: "Ensure centralized and remote logging is configured"}
	// CIS2_14 is cited beside CIS5_26 where no-new-privileges is not the default.
	CIS2_14 = &CISItem{Number: "2.14", Title: "Ensure containers are restricted from acquiring new privileges"}
	// CIS2_15 is cited where restarting the daemon stops every container.
	CIS2_15 = &CISItem{Number: "2.15", Title: "Ensure live restore is enabled"}
	// CIS2_16 is cited where published ports go through the userland proxy.
	CIS2_16 = &CISItem{Number: "2.16", Title: "Ensure Userland Proxy is Disabled"}
	// CIS2_18 is cited where experimental daemon features are on.
	CIS2_18 = &CISItem{Number: "2.18", Title: "Ensure that experimental features are not implemented in production"}
)

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

// Section 5 of the benchmark, "Container Runtime Configuration": the
// settings of a compose service, and what a Dockerfile or image config
// makes likely (EXPOSE 22, a VOLUME on the Docker socket, no HEALTHCHECK). Numbers are v1.6.0's, one higher than v1.5.0 and earlier.
var (
	// CIS5_2 is cited where a service runs without its AppArmor profile.
	CIS5_2 = &CISItem{Number: "5.2", Title: "Ensure that, if applicable, an AppArmor Profile is enabled"}
	// CIS5_3 is cited where SELinux labelling is turned off for a service.
	CIS5_3 = &CISItem{Number: "5.3", Title: "Ensure that, if applicable, SELinux security options are set"}
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
	// CIS5_10 is cited where a service shares the host's network stack.
	CIS5_10 = &CISItem{Number: "5.10", Title: "Ensure that the host's network namespace is not shared"}
	// CIS5_11 is cited where memory exhaustion is the threat.
	CIS5_11 = &CISItem{Number: "5.11", Title: "Ensure that the memory usage for containers is limited"}
	// CIS5_12 is cited where CPU starvation is the threat.
	CIS5_12 = &CISItem{Number: "5.12", Title: "Ensure that CPU priority is set appropriately on containers"}
	// CIS5_13 is cited where a service's root filesystem is writable.
	CIS5_13 = &CISItem{Number: "5.13", Title: "Ensure that the container's root filesystem is mounted as read only"}
	// CIS5_14 is cited where a port is published on every host interface.
	CIS5_14 = &CISItem{Number: "5.14", Title: "Ensure that incoming container traffic is bound to a specific host interface"}
	// CIS5_15 is cited where a service restarts without bound.
	CIS5_15 = &CISItem{Number: "5.15", Title: "Ensure that the 'on-failure' container restart policy is set to '5'"}
	// CIS5_16 is cited where a service shares the host's process namespace.
	CIS5_16 = &CISItem{Number: "5.16", Title: "Ensure that the host's process namespace is not shared"}
	// CIS5_17 is cited where a service shares the host's IPC namespace.
	CIS5_17 = &CISItem{Number: "5.17", Title: "Ensure that the host's IPC namespace is not shared"}
	// CIS5_18 is cited where host devices are passed into a service.
	CIS5_18 = &CISItem{Number: "5.18", Title: "Ensure that host devices are not directly exposed to containers"}
	// CIS5_20 is cited where a bind mount propagates mounts back to the host.
	CIS5_20 = &CISItem{Number: "5.20", Title: "Ensure mount propagation mode is not set to shared"}
	// CIS5_21 is cited where a service shares the host's UTS namespace.
	CIS5_21 = &CISItem{Number: "5.21", Title: "Ensure that the host's UTS namespace is not shared"}
	// CIS5_22 is cited where a service runs without the seccomp filter.
	CIS5_22 = &CISItem{Number: "5.22", Title: "Ensure the default seccomp profile is not Disabled"}
	// CIS5_25 is cited where a service is placed in a cgroup of its own choosing.
	CIS5_25 = &CISItem{Number: "5.25", Title: "Ensure that cgroup usage is confirmed"}
	// CIS5_26 is cited where a service's processes may gain privileges (setuid).
	CIS5_26 = &CISItem{Number: "5.26", Title: "Ensure that the container is restricted from acquiring additional privileges"}
	// CIS5_27 is cited alongside CIS4_6 by the missing-HEALTHCHECK rule.
	CIS5_27 = &CISItem{Number: "5.27", Title: "Ensure that container health is checked at runtime"}
	// CIS5_29 is cited where a service can start processes without limit.
	CIS5_29 = &CISItem{Number: "5.29", Title: "Ensure that the PIDs cgroup limit is used"}
	// CIS5_31 is cited where a service shares the host's user namespace.
	CIS5_31 = &CISItem{Number: "5.31", Title: "Ensure that the host's user namespaces are not shared"}
	// CIS5_32 is cited by rules that find the Docker socket in a VOLUME or path.
	CIS5_32 = &CISItem{Number: "5.32", Title: "Ensure that the Docker socket is not mounted inside any containers"}
)

// cisItems is the catalogue in benchmark order (numeric, so 4.10 follows 4.9).
var cisItems = []*CISItem{
	CIS2_2, CIS2_5, CIS2_7, CIS2_9, CIS2_13, CIS2_14, CIS2_15, CIS2_16, CIS2_18,
	CIS4_1, CIS4_2, CIS4_3, CIS4_4, CIS4_5, CIS4_6, CIS4_7, CIS4_8, CIS4_9, CIS4_10, CIS4_11, CIS4_12,
	CIS5_2, CIS5_3, CIS5_4, CIS5_5, CIS5_6, CIS5_7, CIS5_8, CIS5_9, CIS5_10, CIS5_11, CIS5_12, CIS5_13,
	CIS5_14, CIS5_15, CIS5_16, CIS5_17, CIS5_18, CIS5_20, CIS5_21, CIS5_22, CIS5_25, CIS5_26, CIS5_27,
	CIS5_29, CIS5_31, CIS5_32,
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
