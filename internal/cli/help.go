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

The application code in the layers is checked by the same code rules as
lint's (same IDs, # nosec and dockstride pragmas honoured): Python modules
and configuration and script files (.json, .yaml, .ini, .env, .js…) outside
the interpreters' own trees (lib/python3.x, any site-packages or
dist-packages), the distribution's (/usr/share, /usr/lib, /lib),
node_modules, version control and virtual environments, and no longer than
image.max-file-bytes (256 KiB by default).
Findings name the path, the line and the layer. Only the version of a file
that the final file system holds counts: a file a later layer deletes or
replaces is not reported, except for a hardcoded secret, which the lower
layer still ships. --code none (or code: none in the configuration) turns
this off; shipped, the default, and all are the same for an image.

--catalog REGISTRY[/PREFIX] scans what a registry's catalogue lists: the
repositories at or below PREFIX, in name order, and of each its tags,
latest first. --include and --exclude globs select repositories ("team/*")
or, with a ":", tags ("*:*-debug"); exclusion wins. --latest-tags N keeps
the N latest tags of each repository: tags that are versions (an optional
v, numbers separated by dots, an optional -suffix), greatest first, a
release above its -rc; then "latest"; then the other tags in name order.

--shard i/n scans the i-th of n contiguous parts of the whole list
(references, then catalogues), so n jobs given the same arguments scan
disjoint parts of it; each writes its JSON report (--format
json=shard-i.json) and "dockstride report merge" puts them back together.
--shard-count n takes i from $JOB_COMPLETION_INDEX (0-based), which a
Kubernetes Indexed Job sets in each pod.`

// imageExample shows the image command's usual forms.
const imageExample = `  dockstride image registry.example.com/team/app:1.4.2
  dockstride image docker-archive:app.tar --format json
  dockstride image oci-dir:build/oci:1.4.2 --platform linux/arm64
  dockstride image --refs-file images.txt --shard 2/4 --jobs 8 --format sarif=image.sarif
  dockstride image --catalog registry.example.com/team --exclude '*:*-debug' --latest-tags 3 --jobs 8
  dockstride image --catalog registry.example.com --shard-count 8 --format json=/results/shard-$SHARD.json`

// mergeLong is the report merge command's help.
const mergeLong = `Read JSON reports written by --format json and write them as one report, in
any format: text, SARIF, the threat model of the whole fleet and the rest.

The JSON report holds what every format needs: the findings with their rule
IDs, locations and source hashes, the errors, the inputs, the rules that ran
and, for a sharded run, which shard of which list it is. The shards of one
run must all be given, once each; they are put back in shard order, so the
merged report is the one the unsharded run would have written, finding for
finding. Reports of separate runs are concatenated in the order given.

A REPORT that is a folder stands for the *.json files in it; a glob is
expanded by dockstride, for images without a shell. The exit code follows
--fail-level (and --exit-code) over the merged findings.`

// mergeExample shows report merge's usual forms.
const mergeExample = `  dockstride report merge shard-*.json --format sarif=fleet.sarif --format threat-model=THREATS.md
  dockstride report merge /results --format json=/results/fleet/fleet.json --fail-level none`
