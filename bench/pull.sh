#!/usr/bin/env bash
# Pull benchmark: berth vs docker vs podman vs skopeo (copy only) from a local registry, plus the floor of
# this machine for the same blobs (parallel download, gunzip alone, untar alone). See bench/README.md.
# Run as root (drop_caches, docker, berth's overlay snapshots).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"

SEED=1
SIZE_MB=1024
RUNS=3
ENGINES="berth docker podman skopeo"
FLOOR=1
DROP_CACHES=1
PUBLISH=0
BERTH="${BERTH:-$REPO/artifacts/berth/berth}"
REGISTRY_BIN="${REGISTRY_BIN:-docker-registry}"
WORKBASE="${BENCH_TMPDIR:-/var/tmp}"

usage() {
    cat <<EOF
usage: $0 [--seed N] [--size-mb N] [--runs N] [--engines "berth docker podman skopeo"] [--no-floor]
          [--berth PATH] [--publish] [--no-drop-caches]
  --seed N          generator seed (default $SEED)
  --size-mb N       uncompressed layer bytes, in MiB (default $SIZE_MB)
  --runs N          hyperfine runs per command, pulls and floor stages (default $RUNS)
  --engines LIST    which pullers to time (default "$ENGINES")
  --no-floor        skip the floor measurements (curl, gunzip, untar)
  --berth PATH      berth binary (default $BERTH; env BERTH)
  --publish         dotnet publish berth into artifacts/berth first
  --no-drop-caches  skip 'sync; echo 3 > /proc/sys/vm/drop_caches' in --prepare
The registry is \$REGISTRY_BIN (default docker-registry, the CNCF distribution registry).
Temp dirs go under \$BENCH_TMPDIR (default /var/tmp); keep it on the same disk as /var/lib/docker.
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --seed) SEED="$2"; shift 2 ;;
        --size-mb) SIZE_MB="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --engines) ENGINES="$2"; shift 2 ;;
        --no-floor) FLOOR=0; shift ;;
        --berth) BERTH="$2"; shift 2 ;;
        --publish) PUBLISH=1; shift ;;
        --no-drop-caches) DROP_CACHES=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done


for tool in hyperfine python3 curl; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
# skopeo pushes the image with gzip layers; without it berth does (gzip at its fastest level, so the blobs differ).
if [[ -z ${PUSHER:-} ]]; then
    PUSHER=skopeo
    command -v skopeo >/dev/null || PUSHER=berth
fi
if [[ $PUSHER == berth && ! -x $BERTH ]]; then
    echo "skopeo or berth ($BERTH) is needed to push the image" >&2; exit 1
fi
command -v "$REGISTRY_BIN" >/dev/null || { echo "$REGISTRY_BIN (the CNCF registry) is required; set REGISTRY_BIN" >&2; exit 1; }
if [[ $DROP_CACHES == 1 && ! -w /proc/sys/vm/drop_caches ]]; then
    echo "warning: /proc/sys/vm/drop_caches is not writable (not root?); running without dropping caches" >&2
    DROP_CACHES=0
fi
# The floor's decompressor: pigz, else zlib through python (gzip's own inflate is much slower than zlib's).
# pigz built against another zlib than the one installed refuses to start ("zlib version less than ...").
GUNZIP=(python3 "$HERE/inflate.py")
command -v pigz >/dev/null && [[ $(printf ok | gzip | pigz -dc 2>/dev/null) == ok ]] && GUNZIP=(pigz -dc)

# ---------------------------------------------------------------- archive (cached by seed and size)
CACHE="$HERE/.cache"
ARCHIVE="$CACHE/pull-archive-seed${SEED}-${SIZE_MB}mb.tar"
mkdir -p "$CACHE" "$HERE/results"
if [[ ! -s $ARCHIVE ]]; then
    log "generating $ARCHIVE (seed $SEED, ${SIZE_MB} MiB)"
    python3 "$HERE/gen-archive.py" --seed "$SEED" --size-mb "$SIZE_MB" --tag "berth-bench/pull:s${SEED}-${SIZE_MB}mb" \
        --out "$ARCHIVE" 2> "$ARCHIVE.summary.json" >/dev/null
fi
SUMMARY=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("%.0f MiB of layer tars in %d layers, %d files" % (s["uncompressed_layer_bytes"]/2**20, len(s["layers"]), s["files"]))' "$ARCHIVE.summary.json" 2>/dev/null || echo "?")
log "archive: $ARCHIVE ($SUMMARY)"

# ---------------------------------------------------------------- work dir, cleanup
make_workdir berth-pull-bench
REG_PID=""
IMAGE=""
ACTIVE=""

cleanup() {
    set +e
    log "cleaning up"
    [[ -n $REG_PID ]] && kill "$REG_PID" 2>/dev/null && wait "$REG_PID" 2>/dev/null
    if [[ -n $IMAGE ]]; then
        [[ " $ACTIVE " == *" docker "* ]] && docker rmi -f "$IMAGE" >/dev/null 2>&1
        [[ " $ACTIVE " == *" podman "* ]] && "${P[@]}" rmi -af >/dev/null 2>&1
    fi
    # Nothing should be mounted under WORK, but never rm -rf through a mount.
    grep -F " $WORK" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------- registry on a free loopback port
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$WORK/registry"
cat > "$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PORT
EOF
"$REGISTRY_BIN" serve "$WORK/registry.yml" >"$WORK/registry.log" 2>&1 &
REG_PID=$!
for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$PORT/v2/" >/dev/null 2>&1 && break
    kill -0 "$REG_PID" 2>/dev/null || { echo "registry exited:" >&2; cat "$WORK/registry.log" >&2; exit 1; }
    sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/v2/" >/dev/null || { echo "registry did not come up on port $PORT" >&2; exit 1; }
IMAGE="127.0.0.1:$PORT/bench/big:1"
log "registry: $REGISTRY_BIN on 127.0.0.1:$PORT (storage $WORK/registry); pushing $IMAGE with gzip layers ($PUSHER)"
push_start=$(date +%s.%N)
if [[ $PUSHER == skopeo ]]; then
    skopeo copy -q --dest-tls-verify=false --dest-compress --dest-compress-format gzip \
        "docker-archive:$ARCHIVE" "docker://$IMAGE"
else
    PUSH_B=("$BERTH" --root "$WORK/push-root" --runroot "$WORK/push-run")
    "${PUSH_B[@]}" load -q -i "$ARCHIVE" >/dev/null
    "${PUSH_B[@]}" tag "berth-bench/pull:s${SEED}-${SIZE_MB}mb" "$IMAGE"
    "${PUSH_B[@]}" push -q "$IMAGE" >/dev/null
    "${PUSH_B[@]}" rmi -f "$IMAGE" "berth-bench/pull:s${SEED}-${SIZE_MB}mb" >/dev/null
    rm -rf "$WORK/push-root" "$WORK/push-run"
fi
awk -v a="$push_start" -v b="$(date +%s.%N)" 'BEGIN { printf "    pushed in %.1f s\n", b - a }'

# Layer digests and sizes from the manifest; the blobs' files in the registry's storage are the gzip layers.
curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://127.0.0.1:$PORT/v2/bench/big/manifests/1" > "$WORK/manifest.json"
mapfile -t LAYERS < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
for l in m["layers"]:
    print(l["digest"], l["size"], l["mediaType"])' "$WORK/manifest.json")
BLOB_PATHS=(); BLOB_URLS=(); GZ_BYTES=0
for line in "${LAYERS[@]}"; do
    read -r digest size media <<<"$line"
    hex=${digest#sha256:}
    BLOB_PATHS+=("$WORK/registry/docker/registry/v2/blobs/sha256/${hex:0:2}/$hex/data")
    BLOB_URLS+=("http://127.0.0.1:$PORT/v2/bench/big/blobs/$digest")
    GZ_BYTES=$((GZ_BYTES + size))
    [[ $media == *gzip* ]] || echo "warning: layer $digest has media type $media, not gzip" >&2
done
TAR_BYTES=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["uncompressed_layer_bytes"])' "$ARCHIVE.summary.json")
log "image: ${#LAYERS[@]} layers, $((GZ_BYTES / 1048576)) MiB gzip, $((TAR_BYTES / 1048576)) MiB uncompressed"
for line in "${LAYERS[@]}"; do
    read -r digest size _ <<<"$line"
    printf '    %s %6d MiB\n' "${digest:7:12}" $((size / 1048576))
done

# ---------------------------------------------------------------- pullers
for engine in $ENGINES; do
    if [[ $engine == skopeo ]]; then
        [[ $PUSHER == skopeo ]] || { skip skopeo "not installed"; continue; }
    else
        usable "$engine" || continue
    fi
    ACTIVE="$ACTIVE $engine"
done
ACTIVE="${ACTIVE# }"
DOCKER_DRIVER=$( [[ " $ACTIVE " == *" docker "* ]] && docker info --format '{{.Driver}}' 2>/dev/null || echo -)
PODMAN_DRIVER=$( [[ " $ACTIVE " == *" podman "* ]] && "${P[@]}" info --format '{{.Store.GraphDriverName}}' 2>/dev/null || echo -)
log "pullers: ${ACTIVE:-none} (docker storage driver: $DOCKER_DRIVER, podman: $PODMAN_DRIVER; berth: $("$BERTH" --version 2>/dev/null || echo ?))"

DROP='sync'
[[ $DROP_CACHES == 1 ]] && DROP='sync; echo 3 > /proc/sys/vm/drop_caches'

# One prepare script per command: remove what the previous run made (image + gc), then drop the caches.
prepare_body() {
    case "$1" in
        berth) echo "rm -rf $(q "$BROOT" "$BRUN")" ;;   # a fresh root: nothing to rmi or gc
        docker) echo "docker rmi -f $(q "$IMAGE"); docker image prune -f" ;;
        podman) echo "$(q "${P[@]}") rmi -af" ;;
        skopeo) echo "rm -rf $(q "$WORK/skopeo-oci")" ;;
        curl-null) echo ":" ;;
        curl-files) echo "rm -rf $(q "$WORK/floor/blobs"); mkdir -p $(q "$WORK/floor/blobs")" ;;
        gunzip) echo ":" ;;
        untar) echo "rm -rf $(q "$WORK/floor/untar"); mkdir -p $(q "$WORK/floor/untar")" ;;
    esac
}
pull_cmd() {
    case "$1" in
        berth) echo "$(q "${B[@]}") pull -q $(q "$IMAGE")" ;;
        docker) echo "docker pull -q $(q "$IMAGE")" ;;
        podman) echo "$(q "${P[@]}") pull -q --tls-verify=false $(q "$IMAGE")" ;;
        skopeo) echo "skopeo copy -q --src-tls-verify=false $(q "docker://$IMAGE" "oci:$WORK/skopeo-oci")" ;;
    esac
}

# Floor stages, each over all layers at once (one process per layer, like a parallel pull), each alone.
write_floor_scripts() {
    mkdir -p "$WORK/floor/tars"
    local i n=${#LAYERS[@]}
    {
        echo '#!/usr/bin/env bash'
        for ((i = 0; i < n; i++)); do echo "curl -fsS -o /dev/null $(q "${BLOB_URLS[i]}") &"; done
        echo 'wait'
    } > "$WORK/floor-curl-null.sh"
    {
        echo '#!/usr/bin/env bash'
        for ((i = 0; i < n; i++)); do echo "curl -fsS -o $(q "$WORK/floor/blobs/$i.gz" "${BLOB_URLS[i]}") &"; done
        echo 'wait'
        echo "sync -f $(q "$WORK/floor/blobs")"
    } > "$WORK/floor-curl-files.sh"
    {
        echo '#!/usr/bin/env bash'
        for ((i = 0; i < n; i++)); do echo "$(q "${GUNZIP[@]}") $(q "${BLOB_PATHS[i]}") >/dev/null &"; done
        echo 'wait'
    } > "$WORK/floor-gunzip.sh"
    {
        echo '#!/usr/bin/env bash'
        for ((i = 0; i < n; i++)); do
            echo "mkdir -p $(q "$WORK/floor/untar/$i") && tar -xf $(q "$WORK/floor/tars/$i.tar") -C $(q "$WORK/floor/untar/$i") &"
        done
        echo 'wait'
        echo "sync -f $(q "$WORK/floor/untar")"
    } > "$WORK/floor-untar.sh"
    chmod +x "$WORK"/floor-*.sh
}
floor_cmd() { echo "$(q "$WORK/floor-$1.sh")"; }

for step in $ACTIVE curl-null curl-files gunzip untar; do
    {
        echo '#!/usr/bin/env bash'
        echo 'exec >/dev/null 2>&1'
        prepare_body "$step"
        echo "$DROP"
        echo 'exit 0'
    } > "$WORK/prepare-$step.sh"
    chmod +x "$WORK/prepare-$step.sh"
done

STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$HERE/results"
PREFIX="$RESULTS/${STAMP}-pull-seed${SEED}-${SIZE_MB}mb"
PARTS=()
# One hyperfine invocation per command, so a failing one is reported and skipped without losing the others.
# The registry's CPU time per run of each step, from /proc (utime + stime, in clock ticks): on a small machine
# it competes with the puller, so the report shows it beside the puller's own.
reg_ticks() { awk '{print $14 + $15}' "/proc/$REG_PID/stat" 2>/dev/null || echo 0; }
time_step() {
    local step="$1" cmd="$2" err="$WORK/$1.err" before
    before=$(reg_ticks)
    if hyperfine --warmup 0 --runs "$RUNS" --prepare "$(q "$WORK/prepare-$step.sh")" \
            --export-json "$PREFIX-$step.json" -n "$step" "$cmd 2>>$(q "$err")"; then
        PARTS+=("$PREFIX-$step.json")
        echo "$step $(( $(reg_ticks) - before )) $(getconf CLK_TCK) $RUNS" >> "$WORK/registry-cpu.txt"
    else
        echo "    $step FAILED; its stderr:"
        tail -n 15 "$err" | sed 's/^/      /'
    fi
}

# ---------------------------------------------------------------- pulls
log "timing cold pulls ($RUNS runs each; before each: image removed, gc, $DROP)"
for engine in $ACTIVE; do
    time_step "$engine" "$(pull_cmd "$engine")"
done
if [[ " $ACTIVE " == *" berth "* && -d $BROOT ]]; then
    du -sm "$BROOT" 2>/dev/null | awk '{print "    berth root after the last pull: " $1 " MiB"}'
fi

# ---------------------------------------------------------------- floor
if [[ $FLOOR == 1 ]]; then
    log "floor: the same ${#LAYERS[@]} blobs, each stage alone, all layers in parallel, cold caches ($RUNS runs each)"
    write_floor_scripts
    for ((i = 0; i < ${#LAYERS[@]}; i++)); do "${GUNZIP[@]}" "${BLOB_PATHS[i]}" > "$WORK/floor/tars/$i.tar"; done
    time_step curl-null "$(floor_cmd curl-null)"
    time_step curl-files "$(floor_cmd curl-files)"
    time_step gunzip "$(floor_cmd gunzip)"
    time_step untar "$(floor_cmd untar)"
    rm -rf "$WORK/floor"
fi

# ---------------------------------------------------------------- report
[[ ${#PARTS[@]} -gt 0 ]] || { echo "nothing was measured" >&2; exit 1; }
log "results (hyperfine JSON/markdown: $PREFIX.{json,md})"
touch "$WORK/registry-cpu.txt"
python3 - "$PREFIX" "$GZ_BYTES" "$TAR_BYTES" "$SUMMARY" "$RUNS" "$DOCKER_DRIVER" "$PODMAN_DRIVER" "$DROP_CACHES" \
    "${#LAYERS[@]}" "$(nproc)" "${GUNZIP[0]}" "$WORK/registry-cpu.txt" "${PARTS[@]}" <<'EOF'
import json, os, statistics, sys
prefix, gz, tar, summary, runs, ddrv, pdrv, drop, nlayers, ncpu, gunzip, regcpu = sys.argv[1:13]
parts = sys.argv[13:]
registry = {}
for line in open(regcpu):
    step, ticks, hz, n = line.split()
    registry[step] = int(ticks) / int(hz) / int(n)
gz_mib, tar_mib = int(gz) / 2**20, int(tar) / 2**20
results = []
for p in parts:
    results += json.load(open(p))["results"]
    os.remove(p)
json.dump({"results": results}, open(prefix + ".json", "w"), indent=2)
by = {r["command"]: r for r in results}
med = {k: statistics.median(r["times"]) for k, r in by.items()}
pullers = [e for e in ("berth", "docker", "podman", "skopeo") if e in med]
floors = [f for f in ("curl-null", "curl-files", "gunzip", "untar") if f in med]
berth = med.get("berth")
desc = {
    "berth": "berth pull (download + verify + gunzip + unpack + store blobs)",
    "docker": "docker pull",
    "podman": "podman pull",
    "skopeo": "skopeo copy to oci: dir (no unpacking)",
    "curl-null": "floor: curl all blobs in parallel to /dev/null",
    "curl-files": "floor: curl all blobs in parallel to files + syncfs",
    "gunzip": f"floor: {gunzip} -d each layer from disk to /dev/null",
    "untar": "floor: tar -x each uncompressed layer + syncfs",
}
rows = []
head = f"{'':10}{'median':>9}{'min':>9}{'max':>9}{'MiB/s':>8}{'vs berth':>10}  what"
print(head)
for k in pullers + floors:
    t = by[k]["times"]
    size = tar_mib if k in ("untar",) else gz_mib
    if k in pullers:
        rel = f"{med[k] / berth:.2f}x" if berth and k != "berth" else ""
    else:
        rel = f"{berth / med[k]:.2f}x" if berth else ""
    line = f"{k:10}{med[k]:8.2f}s{min(t):8.2f}s{max(t):8.2f}s{size / med[k]:8.0f}{rel:>10}  {desc[k]}"
    print(line)
    rows.append((k, med[k], min(t), max(t), rel, desc[k]))
print("  (MiB/s over the gzip bytes, untar over the tar bytes; 'vs berth' is peer/berth for pullers — above 1"
      " means berth is faster — and berth/floor for floor stages)")
with open(prefix + ".md", "w") as md:
    md.write("| Step | Median [s] | Min [s] | Max [s] | vs berth | What |\n|:---|---:|---:|---:|---:|:---|\n")
    for k, m, lo, hi, rel, d in rows:
        md.write(f"| `{k}` | {m:.2f} | {lo:.2f} | {hi:.2f} | {rel or '-'} | {d} |\n")

verdict = []
if berth:
    peers = [e for e in pullers if e in ("docker", "podman")]  # skopeo does not unpack: a reference only
    slower = [e for e in peers if med[e] <= berth]
    if peers:
        verdict.append("berth is faster than every peer (" + ", ".join(peers) + ")" if not slower else
                       "berth is NOT faster than " + ", ".join(f"{e} ({med[e]:.2f} s)" for e in slower))
    if "skopeo" in med:
        verdict.append(f"berth / skopeo copy without unpacking = {berth / med['skopeo']:.2f}x")
    if floors:
        worst = max(floors, key=lambda f: med[f])
        r = berth / med[worst]
        verdict.append(f"berth / slowest floor stage ({worst}, {med[worst]:.2f} s) = {r:.2f}x "
                       + ("(within the 1.3x target)" if r <= 1.3 else "(MISSES the 1.3x target)"))
    print()
    print("Targets: " + "; ".join(verdict) + ".")

# CPU seconds per run (hyperfine's user + system of the command; the registry's from /proc). Not a target: it
# shows how much of a small machine each step occupies, and what the floor's own tools (curl, pigz or gzip, tar)
# would need of it if they ran all of a pull's stages at once, each using the CPUs perfectly.
cpu = {k: by[k]["user"] + by[k]["system"] for k in by}
if cpu:
    print()
    print("CPU per run (user + system; registry = the registry process during that step):")
    for k in pullers + floors:
        reg = f"  + registry {registry[k]:.2f} s" if k in registry else ""
        # docker pull is a client: the pulling happens in dockerd, whose CPU time is not counted here.
        note = "  (the docker client only; dockerd not counted)" if k == "docker" else ""
        print(f"  {k:10}{cpu[k]:6.2f} s{reg}{note}")
    need = [f for f in ("curl-files", "gunzip", "untar") if f in cpu]
    if len(need) == 3:
        total = sum(cpu[f] for f in need) + registry.get("curl-files", 0)
        print(f"  curl-files + gunzip + untar + the registry serving the blobs: {total:.2f} CPU s, "
              f"{total / int(ncpu):.2f} s of all {ncpu} CPUs: the floor's tools could not do a whole pull faster on "
              "this machine (a pull also hashes every byte, compressed and uncompressed, which no stage does)")

def fmt(k):
    return f"{k} {med[k]:.2f} s"
peers_txt = ", ".join(f"{e} {med[e]:.2f} s ({med[e] / berth:.2f}x berth's time)" for e in pullers if e != "berth") if berth else ""
floor_txt = ", ".join(fmt(f) for f in floors)
print()
print("Summary: cold pull from a local CNCF registry (loopback, plain HTTP) of a generated image of %s "
      "(%.0f MiB gzip-compressed, %s layers), medians of %s runs on %s CPUs (image removed, gc'd and page cache %s "
      "before every run; docker storage driver %s, podman %s): %s%s. Floor for the same blobs, each stage alone "
      "with all layers in parallel: %s. %s." % (
          summary, gz_mib, nlayers, runs, ncpu, "dropped" if drop == "1" else "NOT dropped", ddrv, pdrv,
          f"berth {berth:.2f} s" if berth else "berth not measured",
          ("; " + peers_txt) if peers_txt else "", floor_txt or "not measured",
          "; ".join(verdict) if verdict else ""))
EOF
cp "$PREFIX.md" "$RESULTS/latest-pull.md" 2>/dev/null || true
