// Package baseimage knows well-known base images offline, so rules can
// judge a FROM line without pulling anything:
//
//   - Lookup: which operating-system release and language runtime an image
//     reference names (python:3.7-slim-buster is Python 3.7 on Debian 10)
//     and whether their support had ended on a given day, from a table of
//     end-of-support dates taken from each project's own schedule, with
//     the table's as-of date (AsOf) so findings are reproducible;
//   - DefaultsOf and RunsAsNonRoot: the user, shell, entrypoint and health
//     check a well-known base image runs with (distroless :nonroot runs as
//     UID 65532, a bitnami non-root image as 1001, Windows nanoserver as
//     ContainerUser).
//
// Both read image references as a Dockerfile writes them, ARG references
// included: an unresolved ${VAR} is a wildcard, so nonroot-${ARCH} is still
// a nonroot tag while ${PYTHON_VERSION} names no Python release.
//
// The package depends on no rule; the data files say where every date and
// default comes from.
package baseimage
