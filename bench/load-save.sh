#!/usr/bin/env bash
# Load/save benchmark: berth vs docker vs podman on one generated docker-archive, timed with hyperfine.
# See bench/README.md. Run as root (drop_caches, docker, berth's overlay snapshots).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"

SEED=1
SIZE_MB=600
RUNS=3
GZIP=0
ENGINES="berth docker podman"
DROP_CACHES=1
PUBLISH=0
BERTH="${BERTH:-$REPO/artifacts/berth/berth}"
WORKBASE="${BENCH_TMPDIR:-/var/tmp}"

usage() {
    cat <<EOF
usage: $0 [--seed N] [--size-mb N] [--runs N] [--gzip] [--engines "berth docker podman"]
          [--berth PATH] [--publish] [--no-drop-caches]
  --seed N          generator seed (default $SEED)
  --size-mb N       uncompressed layer bytes, in MiB (default $SIZE_MB)
  --runs N          hyperfine runs per command (default $RUNS)
  --gzip            use the variant whose layer.tar files are gzip-compressed
  --engines LIST    which engines to time (default "$ENGINES")
  --berth PATH      berth binary (default $BERTH; env BERTH)
  --publish         dotnet publish berth into artifacts/berth first
  --no-drop-caches  skip 'sync; echo 3 > /proc/sys/vm/drop_caches' in --prepare
Temp roots go under \$BENCH_TMPDIR (default /var/tmp); keep it on the same disk as /var/lib/docker.
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --seed) SEED="$2"; shift 2 ;;
        --size-mb) SIZE_MB="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --gzip) GZIP=1; shift ;;
        --engines) ENGINES="$2"; shift 2 ;;
        --berth) BERTH="$2"; shift 2 ;;
        --publish) PUBLISH=1; shift ;;
        --no-drop-caches) DROP_CACHES=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done


command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install -y hyperfine)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }
if [[ $DROP_CACHES == 1 && ! -w /proc/sys/vm/drop_caches ]]; then
    echo "warning: /proc/sys/vm/drop_caches is not writable (not root?); running without dropping caches" >&2
    DROP_CACHES=0
fi

# ---------------------------------------------------------------- archive (cached by seed, size, variant)
VARIANT=$([[ $GZIP == 1 ]] && echo gz || echo tar)
TAG="berth-bench/load-save:s${SEED}-${SIZE_MB}mb-${VARIANT}"
CACHE="$HERE/.cache"
ARCHIVE="$CACHE/docker-archive-seed${SEED}-${SIZE_MB}mb-${VARIANT}.tar"
mkdir -p "$CACHE" "$HERE/results"
if [[ ! -s $ARCHIVE ]]; then
    log "generating $ARCHIVE (seed $SEED, ${SIZE_MB} MiB)"
    gen_args=(--seed "$SEED" --size-mb "$SIZE_MB" --tag "$TAG" --out "$ARCHIVE")
    [[ $GZIP == 1 ]] && gen_args+=(--gzip)
    python3 "$HERE/gen-archive.py" "${gen_args[@]}" 2> "$ARCHIVE.summary.json" >/dev/null
fi
ARCHIVE_BYTES=$(stat -c %s "$ARCHIVE")
SUMMARY=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("%.0f MiB of layer tars in %d layers, %d files" % (s["uncompressed_layer_bytes"]/2**20, len(s["layers"]), s["files"]))' "$ARCHIVE.summary.json" 2>/dev/null || echo "?")
log "archive: $ARCHIVE ($((ARCHIVE_BYTES / 1048576)) MiB on disk; $SUMMARY), tag $TAG"

# ---------------------------------------------------------------- engines
make_workdir berth-bench

cleanup() {
    set +e
    log "cleaning up"
    [[ " $ACTIVE " == *" docker "* ]] && docker rmi -f "$TAG" >/dev/null 2>&1
    if [[ " $ACTIVE " == *" podman "* ]]; then
        "${P[@]}" rmi -af >/dev/null 2>&1
    fi
    # Nothing should be mounted under WORK (load/save mount nothing), but never rm -rf through a mount.
    grep -F " $WORK" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null
    rm -rf "$WORK"
}
ACTIVE=""
trap cleanup EXIT

for engine in $ENGINES; do
    usable "$engine" || continue
    ACTIVE="$ACTIVE $engine"
done
ACTIVE="${ACTIVE# }"
[[ -n $ACTIVE ]] || { echo "no engine available" >&2; exit 1; }

DOCKER_DRIVER=$( [[ " $ACTIVE " == *" docker "* ]] && docker info --format '{{.Driver}}' 2>/dev/null || echo -)
PODMAN_DRIVER=$( [[ " $ACTIVE " == *" podman "* ]] && "${P[@]}" info --format '{{.Store.GraphDriverName}}' 2>/dev/null || echo -)
log "engines: $ACTIVE (docker storage driver: $DOCKER_DRIVER, podman: $PODMAN_DRIVER; berth: $("$BERTH" --version 2>/dev/null || echo ?))"

# Load: one prepare for every command removes the image from every engine (a fresh berth root), then drops
# the page cache so each run reads the archive cold and does not create files right after mass deletes.
# Save: the images stay; only the outputs go and the cache is dropped, so layers are read from disk.
PREPARE_LOAD="$WORK/prepare-load.sh"
PREPARE_SAVE="$WORK/prepare-save.sh"
{
    echo '#!/usr/bin/env bash'
    echo 'exec >/dev/null 2>&1'
    [[ " $ACTIVE " == *" berth "* ]] && echo "rm -rf $(q "$BROOT" "$BRUN")"
    [[ " $ACTIVE " == *" docker "* ]] && echo "docker rmi -f $(q "$TAG")"
    [[ " $ACTIVE " == *" podman "* ]] && echo "$(q "${P[@]}") rmi -f $(q "$TAG")"
    echo 'sync'
    [[ $DROP_CACHES == 1 ]] && echo 'echo 3 > /proc/sys/vm/drop_caches'
    echo 'exit 0'
} > "$PREPARE_LOAD"
{
    echo '#!/usr/bin/env bash'
    echo 'exec >/dev/null 2>&1'
    echo "rm -f $(q "$WORK")/out-\"\$1\".tar"
    echo 'sync'
    [[ $DROP_CACHES == 1 ]] && echo 'echo 3 > /proc/sys/vm/drop_caches'
    echo 'exit 0'
} > "$PREPARE_SAVE"
chmod +x "$PREPARE_LOAD" "$PREPARE_SAVE"

STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$HERE/results"
PREFIX="$RESULTS/${STAMP}-seed${SEED}-${SIZE_MB}mb-${VARIANT}"

load_cmd() {
    case "$1" in
        berth) echo "$(q "${B[@]}") load -q -i $(q "$ARCHIVE")" ;;
        docker) echo "docker load -q -i $(q "$ARCHIVE")" ;;
        podman) echo "$(q "${P[@]}") load -q -i $(q "$ARCHIVE")" ;;
    esac
}
save_cmd() {
    case "$1" in
        berth) echo "$(q "${B[@]}") save -o $(q "$WORK/out-berth.tar") $(q "$TAG")" ;;
        docker) echo "docker save -o $(q "$WORK/out-docker.tar") $(q "$TAG")" ;;
        podman) echo "$(q "${P[@]}") save -o $(q "$WORK/out-podman.tar") $(q "$TAG")" ;;
    esac
}

# One hyperfine invocation per engine, so a failing engine is reported and skipped without losing the
# others; the per-engine JSON files are merged into one <phase>.json/.md afterwards.
run_hyperfine() {
    local phase="$1" engine parts=()
    for engine in $ACTIVE; do
        local err="$WORK/$engine-$phase.err"
        if hyperfine --warmup 0 --runs "$RUNS" --prepare "$(q "$WORK/prepare-$phase.sh") $engine" \
                --export-json "$PREFIX-$phase-$engine.json" \
                -n "$engine $phase" "$("${phase}_cmd" "$engine") 2>>$(q "$err")"; then
            parts+=("$PREFIX-$phase-$engine.json")
        else
            echo "    $engine $phase FAILED; its stderr:"
            tail -n 15 "$err" | sed 's/^/      /'
        fi
    done
    [[ ${#parts[@]} -gt 0 ]] || return 0
    python3 - "$PREFIX-$phase" "${parts[@]}" <<'PY'
import json, os, statistics, sys
out, parts = sys.argv[1], sys.argv[2:]
results = []
for part in parts:
    results += json.load(open(part))["results"]
    os.remove(part)
json.dump({"results": results}, open(out + ".json", "w"), indent=2)
base = next((r for r in results if r["command"].startswith("berth ")), None)
with open(out + ".md", "w") as md:
    md.write("| Command | Mean [s] | Median [s] | Min [s] | Max [s] | Relative to berth |\n|:---|---:|---:|---:|---:|---:|\n")
    for r in results:
        rel = f"{r['median'] / base['median']:.2f}" if base else "-"
        md.write(f"| `{r['command']}` | {r['mean']:.3f} ± {r['stddev'] or 0:.3f} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {rel} |\n")
PY
}

# ---------------------------------------------------------------- load
log "timing load ($RUNS runs each)"
run_hyperfine load

# ---------------------------------------------------------------- save
log "loading the image into every engine for save (untimed)"
"$PREPARE_LOAD"
for engine in $ACTIVE; do
    eval "$(load_cmd "$engine")" >/dev/null
done
log "timing save ($RUNS runs each)"
run_hyperfine save
ls -l "$WORK"/out-*.tar 2>/dev/null | awk '{printf "    %s %d MiB\n", $NF, $5/1048576}' || true

# ---------------------------------------------------------------- report
log "results (hyperfine JSON/markdown: $PREFIX-{load,save}.{json,md})"
python3 - "$PREFIX" "$ARCHIVE_BYTES" "$SUMMARY" "$RUNS" "$DOCKER_DRIVER" "$PODMAN_DRIVER" "$DROP_CACHES" <<'EOF'
import json, sys, statistics
prefix, archive_bytes, summary, runs, ddrv, pdrv, drop = sys.argv[1:]
mib = int(archive_bytes) / 2**20
med = {}
for phase in ("load", "save"):
    try:
        data = json.load(open(f"{prefix}-{phase}.json"))
    except FileNotFoundError:
        continue
    for r in data["results"]:
        engine = r["command"].split()[0]
        med[(phase, engine)] = (statistics.median(r["times"]), min(r["times"]), max(r["times"]))

print(f"{'':14}{'median':>9}{'min':>9}{'max':>9}{'MiB/s':>8}{'  peer/berth':>12}")
for phase in ("load", "save"):
    base = med.get((phase, "berth"))
    for engine in ("berth", "docker", "podman"):
        if (phase, engine) not in med:
            continue
        m, lo, hi = med[(phase, engine)]
        ratio = f"{m / base[0]:.2f}x" if base and engine != "berth" else ""
        print(f"{phase + ' ' + engine:14}{m:8.2f}s{lo:8.2f}s{hi:8.2f}s{mib / m:8.0f}{ratio:>12}")

def part(phase):
    base = med.get((phase, "berth"))
    if not base:
        return f"berth {phase} was not measured"
    peers = [f"{e} {phase} {med[(phase, e)][0]:.2f} s ({med[(phase, e)][0] / base[0]:.2f}x berth's time)"
             for e in ("docker", "podman") if (phase, e) in med]
    return f"berth {phase} took {base[0]:.2f} s" + ("; " + ", ".join(peers) if peers else "")

print()
print("Summary: on a generated docker-archive of %.0f MiB (%s), medians of %s cold-cache runs "
      "(image removed and page cache %s before every run; docker storage driver %s, podman %s): %s. %s. "
      "A peer/berth ratio above 1 means berth is faster." % (
          mib, summary, runs, "dropped" if drop == "1" else "NOT dropped", ddrv, pdrv, part("load"), part("save")))
EOF
cp "$PREFIX-load.md" "$RESULTS/latest-load.md" 2>/dev/null || true
cp "$PREFIX-save.md" "$RESULTS/latest-save.md" 2>/dev/null || true
