package cli

// imageLong is the image command's help.
const imageLong = `Scan built container images: their config (user, environment, exposed
ports, entrypoint, health check, volumes), their history (each RUN, COPY and
ADD replayed through the Dockerfile rules) and every file of every layer,
streamed once and never unpacked to disk.

REF is a registry reference (alpine:3.20, host:5000/repo@sha256:...), or
docker-archive:PATH (a docker save tarball), oci-archive:PATH (a tar of an
OCI layout) or oci-dir:PATH (an OCI layout directory), each optionally
followed by :TAG or @sha256:DIGEST. An existing path without a prefix is
detected. docker-daemon:NAME reads from the local Docker engine in binaries
built with -tags daemon (the default build leaves the Docker client out). Credentials come from the Docker config and credential helpers;
plain HTTP is used only for loopback registries or with --insecure.

Each image is scanned under its own --timeout; up to --jobs are scanned at
once and reported in the order given. An image that cannot be read is
reported, the others are still scanned, and the exit code is 2.

History entries up to the last CMD or ENTRYPOINT before the image's last
layer-making step are guessed to be the base image's (as trivy guesses
them; a base without CMD, or an image setting CMD midway through its own
steps, moves the line). Their findings say "base image" and, with
--base-history info (the default, or image.base-history in the
configuration), are lowered to severity info, so the base's own steps,
which the image's Dockerfile cannot fix, do not fail the default
--fail-level; a severity set for the rule in the configuration still
applies. keep reports them at the rule's severity, skip leaves them out.
Config and layer findings are not affected.

--shard i/n keeps every n-th reference starting with the i-th (1-based), so
n CI jobs given the same list scan disjoint parts of it; from a Kubernetes
Indexed Job, pass $((JOB_COMPLETION_INDEX + 1))/N.`

// imageExample shows the image command's usual forms.
const imageExample = `  dockstride image registry.example.com/team/app:1.4.2
  dockstride image docker-archive:app.tar --format json
  dockstride image oci-dir:build/oci:1.4.2 --platform linux/arm64
  dockstride image --refs-file images.txt --shard 2/4 --jobs 8 --format sarif=image.sarif`
