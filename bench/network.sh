#!/usr/bin/env bash
# Network benchmark: container-to-container and host-to-published-port throughput and connection latency,
# against the direct veth path (the host to the container's own address) and podman where it works, and the
# start latency `berth run --rm` adds on a bridge network over --network none. See bench/README.md.
# Run as root. Traffic stays on this machine: loopback, the host's own address and the bridges created here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
RUNS=5
MIB=1000
REQUESTS=300
STARTS=20
ENGINES="berth"
PUBLISH=0
BERTH="${BERTH:-$REPO/artifacts/berth/berth}"
BASELINE=""
STARTS_ONLY=0
WORKBASE="${BENCH_TMPDIR:-/var/tmp}"
PERF="$HERE/netperf.py"

usage() {
    cat <<EOF
usage: $0 [--runs N] [--mib N] [--requests N] [--starts N] [--engines "berth docker podman"] [--berth PATH] [--publish] [--starts-only] [--baseline PATH]
  --runs N       throughput samples per path, median reported (default $RUNS)
  --mib N        MiB sent per throughput sample (default $MIB)
  --requests N   HTTP requests per latency sample (default $REQUESTS)
  --starts N     hyperfine runs per start-latency command (default $STARTS)
  --starts-only  only the start latency (no throughput or connection latency)
  --baseline P   also time the start latency with another berth binary P on the same root, in the same run
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --mib) MIB="$2"; shift 2 ;;
        --requests) REQUESTS="$2"; shift 2 ;;
        --starts) STARTS="$2"; shift 2 ;;
        --engines) ENGINES="$2"; shift 2 ;;
        --berth) BERTH="$2"; shift 2 ;;
        --publish) PUBLISH=1; shift ;;
        --starts-only) STARTS_ONLY=1; shift ;;
        --baseline) BASELINE="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ $(id -u) == 0 ]] || { echo "run as root" >&2; exit 1; }
for tool in hyperfine python3 nsenter /bin/busybox; do command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }; done

make_workdir berth-net-bench
P+=(--cgroup-manager cgroupfs --events-backend file)
SINKS=()
cleanup() {
    set +e
    log "cleaning up"
    for pid in "${SINKS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    "${B[@]}" ps -aq 2>/dev/null | xargs -r "${B[@]}" rm -f >/dev/null 2>&1
    "${B[@]}" network prune -f >/dev/null 2>&1
    if [[ " $ENGINES " == *" podman "* ]]; then "${P[@]}" rm -af >/dev/null 2>&1; "${P[@]}" network rm -f berthbench >/dev/null 2>&1; fi
    if [[ " $ENGINES " == *" docker "* ]]; then docker rm -f dsink >/dev/null 2>&1; docker network rm berthbench >/dev/null 2>&1; docker rmi bench/busybox:net >/dev/null 2>&1; fi
    grep -F " $WORK" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# A /24 in 10.128.0.0/9 that no host route overlaps, so the benchmark's bridges shadow nothing.
free_subnet() {
    local routes; routes="$(ip -4 route show)"
    while :; do
        local c="10.$((128 + RANDOM % 127)).$((RANDOM % 256))"
        [[ $routes != *"$c."* ]] && { echo "$c.0/24"; return; }
    done
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# throughput_median HOST PORT [NSPID]: median MiB/s over RUNS samples, sent from the host or from NSPID's namespace.
throughput_median() {
    local prefix=(); [[ -n ${3:-} ]] && prefix=(nsenter "--net=/proc/$3/ns/net")
    for _ in $(seq "$RUNS"); do "${prefix[@]}" python3 "$PERF" throughput "$1" "$2" "$MIB"; done | median
}
latency_median() {
    local prefix=(); [[ -n ${3:-} ]] && prefix=(nsenter "--net=/proc/$3/ns/net")
    for _ in $(seq 3); do "${prefix[@]}" python3 "$PERF" latency "$1" "$2" "$REQUESTS" | cut -d' ' -f1; done | median
}
# sink_in PID: a throughput sink on port 5001 inside PID's network namespace (busybox nc reads too slowly to measure a path).
sink_in() { nsenter "--net=/proc/$1/ns/net" python3 "$PERF" sink 5001 & SINKS+=($!); sleep 0.3; }

log "building a busybox image"
mkdir -p "$WORK/rootfs"/{bin,dev,etc,proc,sys,tmp,www}
cp /bin/busybox "$WORK/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do [[ $applet == busybox ]] || ln -sf busybox "$WORK/rootfs/bin/$applet"; done
echo "hello from the benchmark" > "$WORK/rootfs/www/index.html"
tar -C "$WORK/rootfs" -cf "$WORK/rootfs.tar" .
usable berth || exit 1
"${B[@]}" import "$WORK/rootfs.tar" bench/busybox:net >/dev/null
HOST_IP="$(ip -4 -o addr show scope global | awk '{split($4, a, "/"); print a[1]; exit}')"

log "berth: bridge network, sink and web server"
"${B[@]}" network create --subnet "$(free_subnet)" benchnet >/dev/null
"${B[@]}" run -d --name sink --network benchnet -p 127.0.0.1:19501:5001 -p 19502:5001 bench/busybox:net sleep 100000 >/dev/null
"${B[@]}" run -d --name web --network benchnet -p 127.0.0.1:19580:80 bench/busybox:net httpd -f -p 80 -h /www >/dev/null
"${B[@]}" run -d --name client --network benchnet bench/busybox:net sleep 100000 >/dev/null
if [[ $STARTS_ONLY == 0 ]]; then
SINK_PID="$("${B[@]}" inspect -f '{{.State.Pid}}' sink)"
CLIENT_PID="$("${B[@]}" inspect -f '{{.State.Pid}}' client)"
SINK_IP="$("${B[@]}" inspect -f '{{.NetworkSettings.Networks.benchnet.IPAddress}}' sink)"
WEB_IP="$("${B[@]}" inspect -f '{{.NetworkSettings.Networks.benchnet.IPAddress}}' web)"
sink_in "$SINK_PID"

log "throughput, $MIB MiB per sample, median of $RUNS (MiB/s)"
DIRECT=$(throughput_median "$SINK_IP" 5001)
LOOP=$(throughput_median 127.0.0.1 19501)
HOSTADDR=n/a
[[ -n $HOST_IP ]] && HOSTADDR=$(throughput_median "$HOST_IP" 19502)
C2C=$(throughput_median "$SINK_IP" 5001 "$CLIENT_PID")
printf '  %-44s %10s\n' "host -> container address (direct veth)" "$DIRECT" \
    "host -> 127.0.0.1 published port" "$LOOP" "host -> $HOST_IP published port" "$HOSTADDR" "container -> container (same bridge)" "$C2C"
python3 -c "d, p = $DIRECT, $LOOP; print(f'  direct / published (127.0.0.1): {d / p:.2f}x (target <= 1.2x)')"

log "connection latency: $REQUESTS HTTP/1.0 GETs per sample, median of 3 medians (ms)"
printf '  %-44s %10s\n' "host -> container address" "$(latency_median "$WEB_IP" 80)" \
    "host -> 127.0.0.1 published port" "$(latency_median 127.0.0.1 19580)" \
    "container -> container by address" "$(latency_median "$WEB_IP" 80 "$CLIENT_PID")"

fi

log "start latency: run --rm true, $STARTS runs each"
"${B[@]}" network create --subnet "$(free_subnet)" coldnet >/dev/null
# start_commands LABEL BINARY: hyperfine's -n/command pairs for one berth binary on the benchmark's root.
start_commands() {
    local label="$1" r=("$2" --root "$BROOT" --runroot "$BRUN")
    STARTS_ARGS+=(-n "$label none" "$(q "${r[@]}" run --rm --network none bench/busybox:net true)"
        -n "$label bridge (network in use)" "$(q "${r[@]}" run --rm --network benchnet bench/busybox:net true)"
        -n "$label bridge (idle user network)" "$(q "${r[@]}" run --rm --network coldnet bench/busybox:net true)"
        -n "$label bridge + -p" "$(q "${r[@]}" run --rm --network benchnet -p 127.0.0.1::80 bench/busybox:net true)"
        -n "$label default bridge (no other container)" "$(q "${r[@]}" run --rm --network bridge bench/busybox:net true)")
}
STARTS_ARGS=()
[[ -n $BASELINE ]] && start_commands baseline "$BASELINE"
start_commands berth "$BERTH"
hyperfine -N --warmup 2 --runs "$STARTS" --export-markdown "$WORK/start.md" --export-json "$WORK/start.json" "${STARTS_ARGS[@]}"
cat "$WORK/start.md"
# Medians, and what each bridge case adds over --network none with the same binary.
python3 - "$WORK/start.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
median = {r["command"]: statistics.median(r["times"]) * 1000 for r in results}
for name, ms in median.items():
    label = name.split(" ", 1)[0]
    print(f"  {name:<52} median {ms:7.1f} ms  (+{ms - median[label + ' none']:5.1f} ms over {label} none)")
PY
if [[ -n $BASELINE ]]; then
    # Load on a shared machine drifts between hyperfine's consecutive commands; rounds that run each command once,
    # in a random order, and the median of per-round differences cancel most of that drift.
    log "paired rounds: none and bridge (network in use), both binaries, $STARTS rounds in random order"
    python3 - "$STARTS" "$BASELINE" "$BERTH" "$BROOT" "$BRUN" <<'PY'
import random, statistics, subprocess, sys, time
rounds, baseline, berth, root, run = int(sys.argv[1]), *sys.argv[2:]
def cmd(binary, network): return [binary, "--root", root, "--runroot", run, "run", "--rm", "--network", network, "bench/busybox:net", "true"]
cases = {(label, net): cmd(binary, net) for label, binary in (("baseline", baseline), ("berth", berth)) for net in ("none", "benchnet")}
times = {case: [] for case in cases}
for _ in range(rounds):
    for case in random.sample(list(cases), len(cases)):
        start = time.perf_counter(); subprocess.run(cases[case], check=True, stdout=subprocess.DEVNULL); times[case].append((time.perf_counter() - start) * 1000)
for label in ("baseline", "berth"):
    none, bridge = times[(label, "none")], times[(label, "benchnet")]
    paired = statistics.median(b - n for b, n in zip(bridge, none))
    print(f"  {label:<9} none {statistics.median(none):6.1f} ms  bridge {statistics.median(bridge):6.1f} ms  bridge - none, paired median {paired:+5.1f} ms")
PY
fi

if [[ " $ENGINES " == *" podman "* ]] && usable podman; then
    log "podman: the same paths through its bridge for comparison"
    if "${P[@]}" import "$WORK/rootfs.tar" bench/busybox:net >/dev/null 2>"$WORK/err" \
        && "${P[@]}" network create --subnet "$(free_subnet)" berthbench >/dev/null 2>>"$WORK/err" \
        && "${P[@]}" run -d --name psink --network berthbench -p 127.0.0.1:19601:5001 bench/busybox:net sleep 100000 >/dev/null 2>>"$WORK/err"; then
        PSINK_PID="$("${P[@]}" inspect -f '{{.State.Pid}}' psink)"
        PSINK_IP="$("${P[@]}" inspect -f '{{(index .NetworkSettings.Networks "berthbench").IPAddress}}' psink)"
        sink_in "$PSINK_PID"
        printf '  %-44s %10s\n' "podman host -> container address" "$(throughput_median "$PSINK_IP" 5001)" \
            "podman host -> 127.0.0.1 published port" "$(throughput_median 127.0.0.1 19601)"
        hyperfine -N --warmup 2 --runs "$STARTS" \
            -n "podman none" "$(q "${P[@]}" run --rm --network none bench/busybox:net true)" \
            -n "podman bridge" "$(q "${P[@]}" run --rm --network berthbench bench/busybox:net true)" || true
    else
        skip podman "$(head -c 300 "$WORK/err")"
    fi
fi
if [[ " $ENGINES " == *" docker "* ]] && usable docker; then
    # A reachable dockerd, as the caller runs it; with --iptables=false its published ports go through docker-proxy.
    log "docker: the same paths through its bridge for comparison"
    if docker import "$WORK/rootfs.tar" bench/busybox:net >/dev/null 2>"$WORK/err" \
        && docker network create --subnet "$(free_subnet)" berthbench >/dev/null 2>>"$WORK/err" \
        && docker run -d --name dsink --network berthbench -p 127.0.0.1:19701:5001 bench/busybox:net sleep 100000 >/dev/null 2>>"$WORK/err"; then
        DSINK_PID="$(docker inspect -f '{{.State.Pid}}' dsink)"
        DSINK_IP="$(docker inspect -f '{{(index .NetworkSettings.Networks "berthbench").IPAddress}}' dsink)"
        sink_in "$DSINK_PID"
        printf '  %-44s %10s\n' "docker host -> container address" "$(throughput_median "$DSINK_IP" 5001)" \
            "docker host -> 127.0.0.1 published port" "$(throughput_median 127.0.0.1 19701)"
        hyperfine -N --warmup 2 --runs "$STARTS" \
            -n "docker none" "docker run --rm --network none bench/busybox:net true" \
            -n "docker bridge" "docker run --rm --network berthbench bench/busybox:net true" || true
    else
        skip docker "$(head -c 300 "$WORK/err")"
    fi
fi
