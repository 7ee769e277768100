#!/usr/bin/env bash
# Benchmarks dockstride against the targets of issue 7 and prints one
# summary line per figure ("bench: ...").
#
#   bash scripts/bench.sh           # full run (minutes; needs npm, apt, root for debootstrap)
#   bash scripts/bench.sh --quick   # CI: tiny inputs, checks the script still runs
#
# Figures: corpus lint in one process (files/s, CPU, peak RSS) and the same
# folder through dockerfilelint 1.8.0 (the ratio per file); the model build
# alone per corpus file, in process (CPU, allocations); one ~40-line
# Dockerfile in a cold process; the 50,000-line synthetic Dockerfile (in
# process and as a whole process); an
# image scan of a large synthetic image and of a Debian bookworm minbase
# root filesystem, each beside `gzip -dc LAYER | tar -t` on the same layer;
# a 1,000-service compose file (in process and as a whole process) and the
# example service folder cold (issue 13); the Python code checks beside
# Debian's bandit on /usr/lib/python3.11 (issue 12).
#
# Wall and CPU times (user+sys, to the millisecond) are medians of
# BENCH_RUNS runs (default 5); peak RSS is from one more run under
# /usr/bin/time. The machine's load average is printed first: on a shared
# machine, take the figures when it is low. ShellCheck (DKS3900) runs an external program per RUN and is
# switched off (DOCKSTRIDE_SHELLCHECK=off) except for the figure that says
# so.
#
# How a speed change is judged (same bytes out; allocations, system calls
# and interleaved CPU time rather than wall time): docs/performance.md.
#
# Environment: DOCKSTRIDE_CORPUS (default ../shared/corpus beside the
# repository), BENCH_CACHE (default /var/cache/dockstride-bench: the
# debootstrap tree, generated images, the npm install), BENCH_RUNS,
# BENCH_IMAGE_MIB (default 2048: the synthetic image's size),
# BENCH_SKIP_IMAGES (set: no image figures), BENCH_PYTHON_TREE (default
# /usr/lib/python3.11).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
export DOCKSTRIDE_SHELLCHECK=off

quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; fi
runs="${BENCH_RUNS:-5}"
image_mib="${BENCH_IMAGE_MIB:-2048}"
cache="${BENCH_CACHE:-/var/cache/dockstride-bench}"
if [ "$quick" = 1 ]; then
	runs=1
	image_mib=8
	cache="$(mktemp -d)"
fi
work="$(mktemp -d)"
cleanup() {
	rm -rf "$work"
	if [ "$quick" = 1 ]; then rm -rf "$cache"; fi
}
trap cleanup EXIT
mkdir -p "$cache"

say() { echo "bench: $*"; }
note() { echo "  $*" >&2; }

# ensure CMD PACKAGE installs a Debian package when CMD is missing.
ensure() {
	if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
		note "installing $2"
		if command -v apt-get >/dev/null 2>&1; then
			(apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$2" >/dev/null 2>&1; }) || true
		fi
	fi
	command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]
}

# now_ms prints the wall clock in ms; from bash's EPOCHREALTIME when there
# is one, so that reading it starts no process.
now_ms() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		local t=${EPOCHREALTIME/[.,]/}
		echo $((10#$t / 1000))
	else
		echo $(($(date +%s%N) / 1000000))
	fi
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

# children_ms NAME sets NAME to the CPU time (user+sys, ms) of every child
# this shell has waited for, from the `times` builtin (getrusage, to the
# millisecond), read with builtins only so that reading it adds no child.
children_ms() {
	local l re='^([0-9]+)m([0-9]+)\.([0-9]+)s ([0-9]+)m([0-9]+)\.([0-9]+)s$'
	times >"$work/times"
	mapfile -t l <"$work/times"
	if ! [[ ${l[1]:-} =~ $re ]]; then
		printf -v "$1" 0
		return
	fi
	local m=("${BASH_REMATCH[@]}")
	printf -v "$1" '%d' $(((10#${m[1]} + 10#${m[4]}) * 60000 + (10#${m[2]} + 10#${m[5]}) * 1000 + 10#${m[3]} + 10#${m[6]}))
}

# timed LABEL CMD...: runs CMD $runs times (stdout discarded) and sets t_ms
# (median wall) and t_cpu_ms (median user+sys) from those runs, then runs
# it once more under /usr/bin/time for t_rss_kb (peak RSS). The CPU time
# is the shell's own account of the child, to the millisecond:
# /usr/bin/time prints it to 10 ms, too coarse for a 30 ms budget, and
# timing through it counts its own start-up (~7 ms of CPU under load).
timed() {
	local label="$1"
	shift
	local walls="" cpus="" cpu0 cpu1
	for _ in $(seq "$runs"); do
		local start end
		start=$(now_ms)
		children_ms cpu0
		"$@" >/dev/null 2>"$work/stderr" || true
		children_ms cpu1
		end=$(now_ms)
		walls+="$((end - start))"$'\n'
		cpus+="$((cpu1 - cpu0))"$'\n'
	done
	/usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
	# /usr/bin/time puts "Command exited with non-zero status N" first when
	# the command fails (lint exits 1 or 2 on findings and input errors):
	# the figure is on the last line.
	read -r t_rss_kb < <(tail -n 1 "$work/time") || { note "$label: could not read /usr/bin/time output"; cat "$work/stderr" >&2; return 1; }
	t_ms=$(printf '%s' "$walls" | median)
	t_cpu_ms=$(printf '%s' "$cpus" | median)
}

mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

ensure /usr/bin/time time || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

say "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs; medians of $runs run(s)"

# Built as releases are (.goreleaser.yml: CGO_ENABLED=0, -trimpath,
# -ldflags "-s -w"): a static binary without DWARF, which the cold-process
# figures below are about; a default cgo build loads the C runtime and
# takes ~10 ms more CPU for every process on this 2-core machine.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/dockstride" ./cmd/dockstride
ds="$work/dockstride"

# --- Dockerfiles -------------------------------------------------------
corpus="${DOCKSTRIDE_CORPUS:-}"
if [ -z "$corpus" ]; then
	for d in ../shared/corpus ../../shared/corpus; do
		if [ -d "$d/dockerfiles" ]; then corpus="$d"; break; fi
	done
fi
files=()
if [ "$quick" = 1 ] || [ -z "$corpus" ]; then
	[ "$quick" = 1 ] || note "no corpus found (set DOCKSTRIDE_CORPUS); using the repository's fixtures"
	mapfile -t files < <(find testdata/examples testdata/rules -name '*.Dockerfile' | sort | head -200)
	single="testdata/examples/insecure.Dockerfile"
else
	mapfile -t files < <(find "$corpus/dockerfiles" -type f | sort)
	# A typical pre-commit case: the first corpus file of 40 lines.
	single="$corpus/$(awk -F'\t' 'NR > 1 && $7 == 40 {print $1; exit}' "$corpus/MANIFEST.tsv")"
fi
n=${#files[@]}

timed corpus "$ds" lint --format json --fail-level none "${files[@]}"
ds_ms=$t_ms
ds_cpu=$t_cpu_ms
say "corpus lint: $n files in $t_ms ms wall ($(awk -v n="$n" -v t="$t_ms" 'BEGIN {printf "%.0f", n * 1000 / (t ? t : 1)}') files/s), $t_cpu_ms ms CPU, peak RSS $(mib "$t_rss_kb") MiB (targets: >= 10000 files/s, <= 60 MiB)"

# The model alone (BuildKit's parse, the typed instructions, scopes and
# every RUN's shell), in process: what each file costs before any rule.
if [ "$quick" = 0 ] && [ -n "$corpus" ]; then
	out=$(DOCKSTRIDE_CORPUS="$(cd "$corpus" && pwd)" go test ./internal/lint -run '^$' -bench '^BenchmarkParse$' -benchtime 5x 2>&1 | grep '^BenchmarkParse' || true)
	if [ -n "$out" ]; then
		say "model build in-process (BenchmarkParse): $(echo "$out" | awk -v n="$n" '{for (i = 2; i < NF; i++) {if ($(i+1) == "cpu-ns/file") c = $i; if ($(i+1) == "allocs/op") a = $i; if ($(i+1) == "B/op") m = $i}; printf "%.0f us CPU, %.0f allocations, %.1f KiB allocated a file", c / 1e3, a / n, m / n / 1024}')"
	else
		say "model build in-process: benchmark did not run"
	fi
fi

timed single "$ds" lint --format json --fail-level none "$single"
say "one file, cold process: $(wc -l <"$single") lines in $t_ms ms wall, $t_cpu_ms ms CPU ($single; target <= 20 ms)"

if command -v shellcheck >/dev/null 2>&1; then
	DOCKSTRIDE_SHELLCHECK= timed single-shellcheck "$ds" lint --format json --fail-level none "$single"
	say "one file, cold process, with ShellCheck (DKS3900) on: $t_ms ms wall"
fi

out=$(go test ./internal/lint -run '^$' -bench '^BenchmarkSynthetic50k$' -benchtime "$([ "$quick" = 1 ] && echo 1x || echo 3x)" 2>&1 | grep '^BenchmarkSynthetic50k' || true)
if [ -n "$out" ]; then
	say "50,000-line Dockerfile: $(echo "$out" | awk '{for (i = 2; i < NF; i++) {if ($(i+1) == "ns/op") w = $i; if ($(i+1) == "cpu-ns/op") c = $i}; printf "%.0f ms wall, %.0f ms CPU", w / 1e6, c / 1e6}') per lint in-process (target < 1 s)"
else
	say "50,000-line Dockerfile: benchmark did not run"
fi
# The same file through a whole process, as a user runs it (report
# written, the CLI's GC settings).
big_lines=$([ "$quick" = 1 ] && echo 5000 || echo 50000)
go run -tags devtools ./scripts/synthetic -lines "$big_lines" >"$work/big.Dockerfile"
timed big "$ds" lint --format json --fail-level none "$work/big.Dockerfile"
say "$(wc -l <"$work/big.Dockerfile")-line Dockerfile, whole process: $t_ms ms wall, $t_cpu_ms ms CPU, peak RSS $(mib "$t_rss_kb") MiB (target < 1 s)"

# dockerfilelint 1.8.0 on the same folder, in the same run.
if [ "$quick" = 1 ] || [ -z "$corpus" ]; then
	say "dockerfilelint: skipped (--quick or no corpus)"
elif ! command -v npm >/dev/null 2>&1; then
	say "dockerfilelint: skipped (npm not found)"
else
	dfl_dir="$cache/dockerfilelint-1.8.0"
	if [ ! -x "$dfl_dir/node_modules/.bin/dockerfilelint" ]; then
		mkdir -p "$dfl_dir"
		(cd "$dfl_dir" && npm install --no-audit --no-fund --loglevel=error dockerfilelint@1.8.0 >/dev/null)
	fi
	# It throws on the files dockerfilelint-crashes.txt lists, and one throw
	# ends its whole run: time it without them, compare per file.
	mapfile -t dfl_files < <(find "$corpus/dockerfiles" -type f | sort | grep -vxF -f <(sed "s|^|$corpus/|" "$corpus/dockerfilelint-crashes.txt"))
	timed dockerfilelint node "$dfl_dir/node_modules/dockerfilelint/bin/dockerfilelint" -o json "${dfl_files[@]}"
	dfl_ms=$t_ms
	say "dockerfilelint 1.8.0: ${#dfl_files[@]} files in $dfl_ms ms wall, $t_cpu_ms ms CPU, peak RSS $(mib "$t_rss_kb") MiB"
	# By CPU time too: dockerfilelint runs on one core, dockstride on all,
	# so on a loaded machine the wall ratio moves with the load.
	say "speed vs dockerfilelint: $(awk -v a="$dfl_ms" -v na="${#dfl_files[@]}" -v b="$ds_ms" -v nb="$n" -v ac="$t_cpu_ms" -v bc="$ds_cpu" 'BEGIN {printf "%.2fx faster per file (%.3f ms vs %.3f ms a file; target >= 5x); by CPU time %.2fx (%.3f ms vs %.3f ms a file)", (a / na) / (b / nb), b / nb, a / na, (ac / na) / ((bc ? bc : 1) / nb), bc / nb, ac / na}')"
fi

# --- Compose (issue 13) ----------------------------------------------------
# A generated 1,000-service project (testcorpus.SyntheticCompose) judged by
# every rule in process, and the same file through a whole process (its
# services' build contexts do not exist: each is one problem, as a user
# would see). The example service folder is a Dockerfile, a compose file
# and the application, linted cold.
out=$(go test ./internal/lint -run '^$' -bench '^BenchmarkLintCompose1000$' -benchtime "$([ "$quick" = 1 ] && echo 1x || echo 10x)" 2>&1 | grep '^BenchmarkLintCompose1000' || true)
if [ -n "$out" ]; then
	say "1,000-service compose file: $(echo "$out" | awk '{for (i = 2; i < NF; i++) {if ($(i+1) == "ns/op") w = $i; if ($(i+1) == "cpu-ns/op") c = $i}; printf "%.0f ms wall, %.0f ms CPU", w / 1e6, c / 1e6}') per lint in-process (target <= 100 ms)"
else
	say "1,000-service compose file: benchmark did not run"
fi
go run -tags devtools ./scripts/synthetic -compose-services 1000 >"$work/compose.yaml"
timed compose "$ds" lint --format json --fail-level none "$work/compose.yaml"
say "1,000-service compose file, whole process: $t_ms ms wall, $t_cpu_ms ms CPU, peak RSS $(mib "$t_rss_kb") MiB (no budget of its own: issue 18's 100 ms is the in-process figure above; this one adds start-up, the report and, in JSON, every finding's fix)"
service=testdata/examples/flask-insecure
if [ -d "$service" ]; then
	timed service "$ds" lint --format json --fail-level none "$service"
	say "service folder (Dockerfile, compose file, app), cold process ($service): $t_ms ms wall, $t_cpu_ms ms CPU, peak RSS $(mib "$t_rss_kb") MiB (targets: <= 30 ms issues 13 and 18, <= 25 ms issue 12; CPU is the steadier figure under load)"
else
	say "service folder: skipped ($service not found)"
fi

# --- Images --------------------------------------------------------------
# scan_image LABEL DIR: times the scan of DIR's docker-archive and OCI
# layout and `gzip -dc | tar -t` of its layer.
scan_image() {
	local label="$1" dir="$2"
	timed "$label-gunzip" sh -c "gzip -dc '$dir/layer.tar.gz' | tar -t"
	local floor=$t_ms
	for kind in docker-archive oci-dir; do
		local ref="docker-archive:$dir/image.tar"
		[ "$kind" = oci-dir ] && ref="oci-dir:$dir/oci"
		timed "$label-$kind" "$ds" image --format json --fail-level none "$ref"
		say "image scan ($label, $kind, $(du -m "$dir/layer.tar.gz" | cut -f1) MiB gzipped layer): $t_ms ms wall, peak RSS $(mib "$t_rss_kb") MiB; gzip -dc | tar -t: $floor ms; throughput $(awk -v f="$floor" -v t="$t_ms" 'BEGIN {printf "%.0f%%", 100 * f / (t ? t : 1)}') of it (targets: >= 80%, <= 64 MiB)"
	done
}

if [ -n "${BENCH_SKIP_IMAGES:-}" ]; then
	say "image scan: skipped (BENCH_SKIP_IMAGES is set)"
elif ! "$ds" image --help >/dev/null 2>&1; then
	say "image scan: skipped (dockstride has no image command yet)"
else
	synth="$cache/synthetic-${image_mib}MiB"
	if [ ! -f "$synth/image.tar" ]; then
		note "generating a ${image_mib} MiB synthetic image in $synth"
		go run -tags devtools ./scripts/benchimage synthetic -mib "$image_mib" -out "$synth"
	fi
	scan_image "synthetic ${image_mib} MiB" "$synth"

	if [ "$quick" = 1 ]; then
		say "Debian bookworm minbase image: skipped (--quick)"
	elif [ "$(id -u)" != 0 ] || ! ensure debootstrap debootstrap; then
		say "Debian bookworm minbase image: skipped (needs root and debootstrap)"
	else
		rootfs="$cache/bookworm-minbase"
		if [ ! -f "$rootfs.complete" ]; then
			note "debootstrap --variant=minbase bookworm $rootfs (cached for later runs)"
			rm -rf "$rootfs"
			debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
			touch "$rootfs.complete"
		fi
		img="$cache/bookworm-minbase-image"
		if [ ! -f "$img/image.tar" ]; then
			go run -tags devtools ./scripts/benchimage rootfs -src "$rootfs" -out "$img"
		fi
		scan_image "Debian bookworm minbase, $(find "$rootfs" | wc -l) paths" "$img"
	fi
fi

# --- Application code (issue 12) ---------------------------------------
# Debian's bandit (1.6.2) and dockstride on one Python tree in the same
# run: the standard library, /usr/lib/python3.11 (BENCH_PYTHON_TREE).
# dockstride runs its code rules over the tree as a directory without a
# Dockerfile (every source file; it also reads the .json, .toml, .cfg …
# files bandit skips); before `lint --code` existed it was the parser
# alone, in process, and the line says so. bandit runs once: it takes
# ~25 s of CPU. Both figures are printed, wall and CPU (user+sys): bandit
# uses one core, dockstride all of them, so on a loaded machine the CPU
# ratio is the steadier one.
pytree="${BENCH_PYTHON_TREE:-/usr/lib/python3.11}"
[ "$quick" = 1 ] && pytree=testdata/examples
if [ ! -d "$pytree" ]; then
	say "Python code checks: skipped (no $pytree)"
else
	py_files=$(find "$pytree" -name '*.py' -type f | wc -l)
	if "$ds" lint --help 2>/dev/null | grep -- '--code' >/dev/null; then
		py_what="code rules, whole process"
		timed code "$ds" lint --format json --fail-level none --no-config --code all "$pytree"
		py_ms=$t_ms py_cpu=$t_cpu_ms
		say "Python code checks ($py_what): $py_files .py files of $pytree in $py_ms ms wall, $py_cpu ms CPU, peak RSS $(mib "$t_rss_kb") MiB (target <= 80 MiB)"
	elif [ "$pytree" != /usr/lib/python3.11 ]; then
		say "Python code checks: skipped (no lint --code yet, and the parser's benchmark reads /usr/lib/python3.11 only)"
		py_ms=""
	else
		py_what="the parser alone, in process: no code rules on main yet"
		out=$(go test ./internal/python -run '^$' -bench '^BenchmarkParseStdlib$' -benchtime "$([ "$quick" = 1 ] && echo 1x || echo 3x)" 2>&1 | grep '^BenchmarkParseStdlib' || true)
		py_ms=$(echo "$out" | awk '{for (i = 2; i < NF; i++) if ($(i+1) == "ns/op") printf "%.0f", $i / 1e6}')
		py_cpu=""
		say "Python code checks ($py_what): ${py_ms:-?} ms wall per pass over $pytree"
	fi
	if [ "$quick" = 1 ]; then
		say "bandit: skipped (--quick)"
	elif ! ensure bandit bandit; then
		say "bandit: skipped (not installed: apt-get install bandit)"
	elif [ -n "$py_ms" ]; then
		runs_saved=$runs
		runs=1
		timed bandit bandit -q -r "$pytree" -f json -o /dev/null
		runs=$runs_saved
		say "bandit $(bandit --version 2>/dev/null | awk 'NR == 1 {print $2}'): $pytree in $t_ms ms wall, $t_cpu_ms ms CPU, peak RSS $(mib "$t_rss_kb") MiB"
		say "speed vs bandit ($py_what): $(awk -v bw="$t_ms" -v bc="$t_cpu_ms" -v w="$py_ms" -v c="$py_cpu" 'BEGIN {printf "%.1fx wall", bw / (w ? w : 1); if (c != "") printf ", %.1fx CPU", bc / (c ? c : 1); printf " (target >= 20x)"}')"
	fi
fi
