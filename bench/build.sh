#!/usr/bin/env bash
# Build benchmark: `berth build` against docker's BuildKit and podman (buildah) on a generated context of small
# files, in three phases: cold build, no-change rebuild, one-file-change rebuild. See bench/README.md ("Build").
# Run as root (runc, overlay mounts, dockerd).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"

RUNS=10
WARMUP=1
FILES=1000
SEED=42
ENGINES="berth docker podman"
PUBLISH=0
DROP_CACHES=1
BERTH="${BERTH:-$REPO/artifacts/berth/berth}"
WORKBASE="${BENCH_TMPDIR:-/var/tmp}"
IMG="berth-bench/busybox:build"
TAG="berth-bench/build:out"
# /usr/bin/docker is the daemon's own CLI (20.10): `docker build` there speaks BuildKit with DOCKER_BUILDKIT=1;
# a docker CLI without the buildx plugin would fall back to the legacy builder.
DOCKER_CLI="${DOCKER_CLI:-/usr/bin/docker}"
[[ -x $DOCKER_CLI ]] || DOCKER_CLI=docker

usage() {
    cat <<EOF
usage: $0 [--runs N] [--warmup N] [--files N] [--seed S] [--engines "berth docker podman"] [--berth PATH] [--publish]
          [--no-drop-caches]
  --runs N          hyperfine runs per command and phase (default $RUNS)
  --warmup N        untimed warmup runs in the rebuild phases (default $WARMUP; the cold phase has none)
  --files N         files in the generated context (default $FILES, a few KB each, nested directories)
  --seed S          seed of the generated context (default $SEED): same seed, same bytes
  --engines LIST    what to time (default "$ENGINES")
  --berth PATH      berth binary (default $BERTH; env BERTH)
  --publish         dotnet publish berth into artifacts/berth first
  --no-drop-caches  skip 'sync; echo 3 > /proc/sys/vm/drop_caches' before each cold build
Temp dirs go under \$BENCH_TMPDIR (default /var/tmp). A private dockerd is started when none is reachable.
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --files) FILES="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --engines) ENGINES="$2"; shift 2 ;;
        --berth) BERTH="$2"; shift 2 ;;
        --publish) PUBLISH=1; shift ;;
        --no-drop-caches) DROP_CACHES=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

[[ $(id -u) == 0 ]] || { echo "run as root (runc, overlay mounts, dockerd)" >&2; exit 1; }
for tool in hyperfine python3 /bin/busybox; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
[[ $RUNS -ge 3 ]] || { echo "--runs must be at least 3" >&2; exit 2; }

make_workdir berth-build-bench
P+=(--cgroup-manager cgroupfs --events-backend file)
DOCKERD_PID=""
ACTIVE=""
CTX="$WORK/ctx"
# Every image the benchmark builds carries this label (each engine alike), so cleanup finds the untagged ones
# that rebuilds leave behind in docker.
LABEL="berth-bench-build=$$"

cleanup() {
    set +e
    log "cleaning up"
    if [[ " $ACTIVE " == *" docker "* && -z $DOCKERD_PID ]]; then
        "$DOCKER_CLI" rmi -f "$TAG" "$IMG" >/dev/null 2>&1
        "$DOCKER_CLI" image prune -f --filter "label=$LABEL" >/dev/null 2>&1
        "$DOCKER_CLI" builder prune -af >/dev/null 2>&1
    fi
    if [[ " $ACTIVE " == *" podman "* ]]; then
        "${P[@]}" rmi -af >/dev/null 2>&1
    fi
    if [[ -n $DOCKERD_PID ]]; then
        kill "$DOCKERD_PID" 2>/dev/null
        for _ in $(seq 150); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$DOCKERD_PID" 2>/dev/null
        wait "$DOCKERD_PID" 2>/dev/null
    fi
    local left
    left=$(pgrep -f -- "$WORK" 2>/dev/null | grep -vx "$$" || true)
    if [[ -n $left ]]; then
        echo "    processes left behind under $WORK, killed:"
        for pid in $left; do kill -9 "$pid" 2>/dev/null; done
    fi
    # Never rm -rf through a mount.
    grep -F " $WORK" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null
    rm -rf "$WORK"
    [[ -e $WORK ]] && echo "    could not remove $WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------- base image and context
log "building a busybox rootfs and a context of $FILES files (seed $SEED) in $WORK"
ROOTFS="$WORK/rootfs"
mkdir -p "$ROOTFS"/{bin,etc,tmp,root}
cp /bin/busybox "$ROOTFS/bin/busybox"
for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$ROOTFS/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$ROOTFS/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$ROOTFS/etc/group"
chmod 1777 "$ROOTFS/tmp"
tar -C "$ROOTFS" -cf "$WORK/rootfs.tar" .

python3 - "$CTX" "$FILES" "$SEED" <<'PY'
import os, random, sys
ctx, files, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
words = ["berth", "layer", "image", "build", "cache", "stage", "copy", "run", "snapshot", "overlay", "digest",
         "config", "context", "shell", "mount", "runc", "tar", "blob", "index", "manifest"]
for i in range(files):
    # Three levels: 10 top dirs, 10 below each, files spread over them.
    d = os.path.join(ctx, "src", f"d{rng.randrange(10):02}", f"e{rng.randrange(10):02}")
    os.makedirs(d, exist_ok=True)
    size = rng.randrange(1024, 4096)
    text, n = [], 0
    while n < size:
        line = " ".join(rng.choice(words) for _ in range(rng.randrange(4, 14))) + "\n"
        text.append(line); n += len(line)
    with open(os.path.join(d, f"f{i:05}.txt"), "w") as f:
        f.write("".join(text)[:size])
with open(os.path.join(ctx, "Dockerfile"), "w") as f:
    f.write("FROM berth-bench/busybox:build\n"
            "RUN mkdir -p /app && echo prepared > /app/prepared.txt\n"
            "COPY . /app/src\n"
            "RUN find /app/src -type f | wc -l > /app/count.txt && find /app/src -type f -exec cat {} + | wc -c > /app/bytes.txt\n")
PY
CHANGED="$(find "$CTX/src" -name 'f00000.txt')"
[[ -n $CHANGED ]] || { echo "the generated context has no f00000.txt" >&2; exit 1; }

# ---------------------------------------------------------------- engines
start_dockerd() {
    command -v dockerd >/dev/null || return 1
    log "no docker daemon reachable: starting a private dockerd (data root, exec root, socket under $WORK)"
    dockerd --iptables=false --bridge=none --data-root "$WORK/docker-data" --exec-root "$WORK/docker-exec" \
        --pidfile "$WORK/docker.pid" -H "unix://$WORK/docker.sock" >"$WORK/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    export DOCKER_HOST="unix://$WORK/docker.sock"
    for _ in $(seq 150); do
        "$DOCKER_CLI" info >/dev/null 2>&1 && return 0
        kill -0 "$DOCKERD_PID" 2>/dev/null || break
        sleep 0.2
    done
    echo "    dockerd did not come up; its log:"
    tail -n 15 "$WORK/dockerd.log" | sed 's/^/      /'
    return 1
}

for engine in $ENGINES; do
    case "$engine" in
        docker)
            command -v docker >/dev/null || { skip docker "not installed"; continue; }
            if ! docker info >/dev/null 2>&1; then start_dockerd || { skip docker "no daemon, and a private dockerd did not start"; continue; }; fi
            usable docker || continue
            "$DOCKER_CLI" import "$WORK/rootfs.tar" "$IMG" >/dev/null
            ;;
        berth)
            usable berth || continue
            ;;
        podman)
            usable podman || continue
            "${P[@]}" import -q "$WORK/rootfs.tar" "$IMG" >/dev/null
            ;;
        *) skip "$engine" "unknown engine"; continue ;;
    esac
    ACTIVE="$ACTIVE $engine"
done
ACTIVE="${ACTIVE# }"
[[ -n $ACTIVE ]] || { echo "nothing to time" >&2; exit 1; }
log "engines: $ACTIVE (berth: $("$BERTH" --version 2>/dev/null | head -1 || echo ?);" \
    "docker server $("$DOCKER_CLI" version --format '{{.Server.Version}}' 2>/dev/null || echo -);" \
    "podman $(podman --version 2>/dev/null | awk '{print $3}' || echo -))"

# Every engine builds with no network: BuildKit's default build network does not work on the benchmark
# machine, so docker gets --network=none, and berth and podman get the same so that all do the same work (no
# bridge, nft table or per-RUN endpoint for berth; see README).
build_cmd() {
    case "$1" in
        berth) echo "$(q "${B[@]}") build --network none -q --label $LABEL -t $TAG $(q "$CTX")" ;;
        docker) echo "DOCKER_BUILDKIT=1 $(q "$DOCKER_CLI") build --network=none -q --label $LABEL -t $TAG $(q "$CTX")" ;;
        podman) echo "$(q "${P[@]}") build --network=none -q --label $LABEL -t $TAG $2 $(q "$CTX")" ;;
    esac
}
# What makes a build cold, per engine (see README): berth gets an empty --root with the base image imported;
# docker loses the whole BuildKit cache (the local context snapshot included) and the output tag; podman, whose
# cache is its intermediate images, builds with --no-cache.
# Every engine's cold build then starts with the page cache dropped: creating files soon after deleting many
# (the previous run's store) is several times slower on this kind of VM otherwise, which would swamp the comparison.
cold_prepare() {
    local drop="sync; echo 3 > /proc/sys/vm/drop_caches"
    [[ $DROP_CACHES == 1 ]] || drop="sync"
    case "$1" in
        berth) echo "rm -rf $(q "$BROOT") $(q "$BRUN") && $(q "${B[@]}") import $(q "$WORK/rootfs.tar") $IMG >/dev/null && $drop" ;;
        docker) echo "$(q "$DOCKER_CLI") rmi -f $TAG >/dev/null 2>&1; $(q "$DOCKER_CLI") builder prune -af >/dev/null && $drop" ;;
        podman) echo "$(q "${P[@]}") rmi -f $TAG >/dev/null 2>&1; $(q "${P[@]}") image prune -f >/dev/null; $drop" ;;
    esac
}
# A new line in one file per run: the COPY and the RUN after it miss the cache, the first RUN hits it.
CHANGE="echo \"\$RANDOM\$RANDOM\" >> $(q "$CHANGED")"

STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$HERE/results"
mkdir -p "$RESULTS"
PREFIX="$RESULTS/${STAMP}-build"
PARTS=()

# time_one PHASE ENGINE PREPARE CMD WARMUP: a failing command is reported with its stderr and not timed.
time_one() {
    local phase="$1" engine="$2" prepare="$3" cmd="$4" warm="$5" err="$WORK/$2-$1.err"
    if ! bash -c "$prepare" >/dev/null 2>"$err" || ! bash -c "$cmd" >/dev/null 2>>"$err" </dev/null; then
        echo "    $engine $phase FAILED, not timed; its stderr:"
        tail -n 15 "$err" | sed 's/^/      /'
        return 0
    fi
    if hyperfine -S bash --warmup "$warm" --runs "$RUNS" --prepare "$prepare" \
        --export-json "$PREFIX-$phase-$engine.json" -n "$engine $phase" "$cmd >/dev/null 2>>$(q "$err") </dev/null"; then
        PARTS+=("$PREFIX-$phase-$engine.json")
    else
        echo "    hyperfine failed for $engine $phase"
    fi
}

log "timing cold builds ($RUNS runs each, no warmup)"
for engine in $ACTIVE; do
    extra=""; [[ $engine == podman ]] && extra="--no-cache"
    time_one cold "$engine" "$(cold_prepare "$engine")" "$(build_cmd "$engine" "$extra")" 0
done
log "timing no-change rebuilds ($WARMUP warmup + $RUNS runs each)"
for engine in $ACTIVE; do
    time_one nochange "$engine" "true" "$(build_cmd "$engine" "")" "$WARMUP"
done
log "timing one-file-change rebuilds ($WARMUP warmup + $RUNS runs each)"
for engine in $ACTIVE; do
    time_one onefile "$engine" "$CHANGE" "$(build_cmd "$engine" "")" "$WARMUP"
done

# ---------------------------------------------------------------- report
[[ ${#PARTS[@]} -gt 0 ]] || { echo "nothing was measured" >&2; exit 1; }
log "results (hyperfine JSON/markdown: $PREFIX.{json,md})"
python3 - "$PREFIX" "$RUNS" "$FILES" "$SEED" "$(nproc)" "${PARTS[@]}" <<'EOF'
import json, os, statistics, sys
prefix, runs, files, seed, ncpu = sys.argv[1:6]
results = []
for p in sys.argv[6:]:
    results += json.load(open(p))["results"]
    os.remove(p)
json.dump({"results": results}, open(prefix + ".json", "w"), indent=2)
ms = {r["command"]: 1000 * statistics.median(r["times"]) for r in results}
lo = {r["command"]: 1000 * min(r["times"]) for r in results}
hi = {r["command"]: 1000 * max(r["times"]) for r in results}
print(f"{'':20}{'median':>11}{'min':>11}{'max':>11}")
for k in ms:
    print(f"{k:20}{ms[k]:9.1f}ms{lo[k]:9.1f}ms{hi[k]:9.1f}ms")
with open(prefix + ".md", "w") as md:
    md.write("| Command | Median [ms] | Min [ms] | Max [ms] |\n|:---|---:|---:|---:|\n")
    for k in ms:
        md.write(f"| `{k}` | {ms[k]:.1f} | {lo[k]:.1f} | {hi[k]:.1f} |\n")
print()
ratios, verdicts = [], []
for phase in ("cold", "nochange", "onefile"):
    b = ms.get(f"berth {phase}")
    if b is None:
        continue
    for peer in ("docker", "podman"):
        p = ms.get(f"{peer} {phase}")
        if p is None:
            continue
        x = p / b
        ratios.append(f"{phase}: {peer}/berth = {x:.2f}x")
        if peer == "docker":
            verdicts.append(f"berth {phase} {'faster' if x > 1 else 'NOT faster'} than BuildKit ({x:.2f}x)")
    if phase == "nochange":
        verdicts.append(f"no-change rebuild {'under' if b < 100 else 'NOT under'} 100 ms ({b:.1f} ms)")
print("Ratios (peer/berth: above 1 means berth is faster):")
for line in ratios:
    print("  " + line)
print()
print("Targets: " + ("; ".join(verdicts) if verdicts else "not measurable without berth") + ".")
with open(prefix + ".md", "a") as md:
    md.write("\n" + "\n".join(f"- {l}" for l in ratios) + "\n\nTargets: " + "; ".join(verdicts) + ".\n")
print()
print("Summary: build of a %s-file context (seed %s; RUN, COPY of the context, RUN reading it), medians of %s runs "
      "on %s CPUs: %s. %s." % (files, seed, runs, ncpu, ", ".join(f"{k} {v:.1f} ms" for k, v in ms.items()), "; ".join(ratios)))
EOF
cp "$PREFIX.md" "$RESULTS/latest-build.md" 2>/dev/null || true
