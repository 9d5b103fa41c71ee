#!/usr/bin/env bash
# Container start-up benchmark: `berth run --rm IMG true` and `berth exec C true` against bare runc (the floor),
# docker and podman, warm, side by side in one hyperfine invocation per phase. See bench/README.md.
# Run as root (runc, overlay mounts, dockerd).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"

RUNS=20
WARMUP=3
ROUNDS=1
GAP=0.2
ENGINES="berth runc docker podman"
NETWORK=none
EXEC=1
RUN_TMPFS=0
TRACE=0
PUBLISH=0
BERTH="${BERTH:-$REPO/artifacts/berth/berth}"
WORKBASE="${BENCH_TMPDIR:-/var/tmp}"
IMG="berth-bench/busybox:run"

usage() {
    cat <<EOF
usage: $0 [--runs N] [--warmup N] [--rounds N] [--gap SECONDS] [--engines "berth runc docker podman"]
          [--network none|host|default] [--no-exec] [--run-tmpfs] [--trace] [--berth PATH] [--publish]
  --runs N          hyperfine runs per command (default $RUNS, at least 10)
  --warmup N        untimed warmup runs per command (default $WARMUP)
  --rounds N        take each command's runs in N rounds, the engines in turn in each (default $ROUNDS): on a
                    machine whose speed drifts, drift then touches every engine alike
  --gap SECONDS     idle time before each timed run (default $GAP), so that each command starts alone, as one a
                    user types does; 0 runs them back to back. The kernel makes the first process to join a
                    cgroup after a quiet spell wait for an RCU grace period (about 10 ms here); one within a
                    grace period of the previous join does not, so back to back every run primes the next.
                    berth primes its own start (see bench/README.md), runc does not.
  --engines LIST    what to time (default "$ENGINES"; runc is the floor; runc-seccomp, listed after
                    berth, is runc with the seccomp profile berth and docker apply, the floor for them)
  --network MODE    network of the berth/docker/podman containers: none, host or default (each engine's
                    bridge). Default $NETWORK: a new namespace with
                    loopback only, which is what the runc bundle from 'runc spec' gets)
  --no-exec         time only run, not exec
  --run-tmpfs       keep the runtimes' state (berth's --runroot, runc's --root, podman's --runroot) on a tmpfs,
                    as under /run on a standard host; by default it is on the work dir's disk, beside the roots
  --trace           after timing, strace one 'berth run --rm' and print where its time goes
  --berth PATH      berth binary (default $BERTH; env BERTH)
  --publish         dotnet publish berth into artifacts/berth first
Temp dirs go under \$BENCH_TMPDIR (default /var/tmp). A private dockerd is started when none is reachable.
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --gap) GAP="$2"; shift 2 ;;
        --engines) ENGINES="$2"; shift 2 ;;
        --network) NETWORK="$2"; shift 2 ;;
        --no-exec) EXEC=0; shift ;;
        --run-tmpfs) RUN_TMPFS=1; shift ;;
        --trace) TRACE=1; shift ;;
        --berth) BERTH="$2"; shift 2 ;;
        --publish) PUBLISH=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

[[ $(id -u) == 0 ]] || { echo "run as root (runc, overlay mounts, dockerd)" >&2; exit 1; }
for tool in hyperfine python3 /bin/busybox; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
[[ $RUNS -ge 10 ]] || { echo "--runs must be at least 10" >&2; exit 2; }
[[ $ROUNDS -ge 1 && $((RUNS / ROUNDS)) -ge 2 ]] || { echo "--rounds must be at least 1 and leave 2 runs per round" >&2; exit 2; }
[[ $GAP =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "--gap must be a number of seconds" >&2; exit 2; }
[[ $NETWORK == none || $NETWORK == host || $NETWORK == default ]] || { echo "--network must be none, host or default" >&2; exit 2; }
# "default" is each engine's own default network (a bridge for all three); podman spells it "bridge".
PODMAN_NETWORK=$NETWORK; [[ $NETWORK == default ]] && PODMAN_NETWORK=bridge

# ---------------------------------------------------------------- work dir and cleanup
make_workdir berth-run-bench
# cgroupfs and file events: podman's defaults want systemd, which a container or a minimal VM lacks.
P+=(--cgroup-manager cgroupfs --events-backend file)
RUNC_ROOT="$WORK/runc-state"
DOCKERD_PID=""
ACTIVE=""
LABEL="berth-bench-run=$$"

cleanup() {
    set +e
    log "cleaning up"
    if [[ " $ACTIVE " == *" berth "* ]]; then
        "${B[@]}" ps -aq 2>/dev/null | xargs -r "${B[@]}" rm -f >/dev/null 2>&1
    fi
    if [[ -d $RUNC_ROOT ]]; then
        for id in $(runc --root "$RUNC_ROOT" list -q 2>/dev/null); do
            runc --root "$RUNC_ROOT" delete -f "$id" >/dev/null 2>&1
        done
    fi
    if [[ " $ACTIVE " == *" docker "* ]]; then
        docker ps -aq --filter "label=$LABEL" 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1
        [[ -z $DOCKERD_PID ]] && docker rmi -f "$IMG" >/dev/null 2>&1
    fi
    if [[ " $ACTIVE " == *" podman "* ]]; then
        "${P[@]}" rm -af >/dev/null 2>&1
        "${P[@]}" rmi -af >/dev/null 2>&1
    fi
    if [[ -n $DOCKERD_PID ]]; then
        kill "$DOCKERD_PID" 2>/dev/null
        for _ in $(seq 150); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$DOCKERD_PID" 2>/dev/null
        wait "$DOCKERD_PID" 2>/dev/null
    fi
    # Anything still running from the work dir (a monitor, conmon, containerd) was started by this script.
    local left
    left=$(pgrep -f -- "$WORK" 2>/dev/null | grep -vx "$$" || true)
    if [[ -n $left ]]; then
        echo "    processes left behind under $WORK, killed:"
        ps -o pid=,args= -p "$(echo $left | tr ' ' ,)" | sed 's/^/      /'
        for pid in $left; do kill -9 "$pid" 2>/dev/null; done
    fi
    # Never rm -rf through a mount.
    grep -F " $WORK" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null
    rm -rf "$WORK"
    [[ -e $WORK ]] && echo "    could not remove $WORK"
}
trap cleanup EXIT
if [[ $RUN_TMPFS == 1 ]]; then
    # The cleanup unmounts everything under the work dir before it removes it.
    mkdir -p "$WORK/run" && mount -t tmpfs -o size=512m,mode=0755 berth-bench-run "$WORK/run"
    BRUN="$WORK/run/berth-run"; PRUN="$WORK/run/podman-run"; RUNC_ROOT="$WORK/run/runc-state"
    B=("$BERTH" --root "$BROOT" --runroot "$BRUN")
    P=(podman --root "$PROOT" --runroot "$PRUN" "${P[@]:5}")
fi

# ---------------------------------------------------------------- busybox rootfs, runc bundles
log "building a busybox rootfs in $WORK/rootfs"
ROOTFS="$WORK/rootfs"
mkdir -p "$ROOTFS"/{bin,dev,etc,proc,sys,tmp,root}
cp /bin/busybox "$ROOTFS/bin/busybox"
for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$ROOTFS/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$ROOTFS/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$ROOTFS/etc/group"
chmod 1777 "$ROOTFS/tmp"
tar -C "$ROOTFS" -cf "$WORK/rootfs.tar" .

# Two bundles from 'runc spec' sharing the rootfs directory: one runs true, one sleeps for exec. With SECCOMP
# set to a file holding a "seccomp" object, the bundle gets that filter.
make_bundle() {
    local dir="$WORK/$1"; shift
    mkdir -p "$dir"
    runc spec --bundle "$dir"
    python3 - "$dir/config.json" "$ROOTFS" "${SECCOMP:-}" "$@" <<'PY'
import json, sys
path, rootfs, seccomp, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
spec = json.load(open(path))
spec["process"]["args"] = args
spec["process"]["terminal"] = False
spec["root"]["path"] = rootfs
if seccomp:
    spec["linux"]["seccomp"] = json.load(open(seccomp))
json.dump(spec, open(path, "w"), indent=1)
PY
}

# The seccomp object of the spec berth writes for a container of IMG (Docker's default profile), on stdout.
berth_seccomp() {
    local id
    # BERTH_RUNTIME_SECCOMP=1: the filter stays in config.json for runc (berth otherwise loads it itself).
    id=$(BERTH_RUNTIME_SECCOMP=1 "${B[@]}" run -d --network none "$IMG" sleep 1000) || return 1
    python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1]))["linux"]["seccomp"], sys.stdout)' \
        "$BRUN/containers/$id/config.json"
    local rc=$?
    "${B[@]}" rm -f "$id" >/dev/null
    return $rc
}

# ---------------------------------------------------------------- engines
start_dockerd() {
    command -v dockerd >/dev/null || return 1
    log "no docker daemon reachable: starting a private dockerd (data root, exec root, socket under $WORK)"
    # No bridge and no iptables: nothing on the host's network changes, and no docker0 clashes with another daemon.
    dockerd --iptables=false --bridge=none --data-root "$WORK/docker-data" --exec-root "$WORK/docker-exec" \
        --pidfile "$WORK/docker.pid" -H "unix://$WORK/docker.sock" >"$WORK/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    export DOCKER_HOST="unix://$WORK/docker.sock"
    for _ in $(seq 150); do
        docker info >/dev/null 2>&1 && return 0
        kill -0 "$DOCKERD_PID" 2>/dev/null || break
        sleep 0.2
    done
    echo "    dockerd did not come up; its log:"
    tail -n 15 "$WORK/dockerd.log" | sed 's/^/      /'
    return 1
}

for engine in $ENGINES; do
    case "$engine" in
        runc)
            command -v runc >/dev/null || { skip runc "not installed"; continue; }
            make_bundle bundle-true true
            make_bundle bundle-sleep sleep 1000
            ;;
        runc-seccomp)
            command -v runc >/dev/null || { skip runc-seccomp "not installed"; continue; }
            [[ " $ACTIVE " == *" berth "* ]] || { skip runc-seccomp "needs berth, listed before it, for the profile"; continue; }
            berth_seccomp > "$WORK/seccomp.json" || { skip runc-seccomp "berth did not run a container"; continue; }
            SECCOMP="$WORK/seccomp.json" make_bundle bundle-seccomp-true true
            SECCOMP="$WORK/seccomp.json" make_bundle bundle-seccomp-sleep sleep 1000
            ;;
        docker)
            command -v docker >/dev/null || { skip docker "not installed"; continue; }
            if ! docker info >/dev/null 2>&1; then start_dockerd || { skip docker "no daemon, and a private dockerd did not start"; continue; }; fi
            usable docker || continue
            docker import "$WORK/rootfs.tar" "$IMG" >/dev/null
            ;;
        berth)
            usable berth || continue
            "${B[@]}" import "$WORK/rootfs.tar" "$IMG" >/dev/null
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
log "engines: $ACTIVE (network $NETWORK; runtime state on $([[ $RUN_TMPFS == 1 ]] && echo tmpfs || echo disk); berth: $("$BERTH" --version 2>/dev/null | head -1 || echo ?);" \
    "$(runc --version | head -1); docker server $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo -);" \
    "podman $(podman --version 2>/dev/null | awk '{print $3}' || echo -))"

# A fresh container id per runc run: runc deletes the container when 'run' returns, but ids must not repeat
# while one may still be tearing down. Commands run under bash (hyperfine -S bash) for $RANDOM.
RUNC=(runc --root "$RUNC_ROOT")
run_cmd() {
    case "$1" in
        berth) echo "$(q "${B[@]}") run --rm --network $NETWORK $(q "$IMG") true" ;;
        runc) echo "$(q "${RUNC[@]}") run --bundle $(q "$WORK/bundle-true") \"b\$\$-\$RANDOM\$RANDOM\"" ;;
        runc-seccomp) echo "$(q "${RUNC[@]}") run --bundle $(q "$WORK/bundle-seccomp-true") \"s\$\$-\$RANDOM\$RANDOM\"" ;;
        docker) echo "docker run --rm --network $NETWORK $(q "$IMG") true" ;;
        podman) echo "$(q "${P[@]}") run --rm --network $PODMAN_NETWORK $(q "$IMG") true" ;;
    esac
}
EXEC_ID=()
start_exec_target() {
    case "$1" in
        berth) "${B[@]}" run -d --network "$NETWORK" "$IMG" sleep 1000 ;;
        runc) "${RUNC[@]}" run -d --bundle "$WORK/bundle-sleep" bench-exec </dev/null >/dev/null 2>&1 && echo bench-exec ;;
        runc-seccomp) "${RUNC[@]}" run -d --bundle "$WORK/bundle-seccomp-sleep" bench-exec-seccomp </dev/null >/dev/null 2>&1 && echo bench-exec-seccomp ;;
        docker) docker run -d --label "$LABEL" --network "$NETWORK" "$IMG" sleep 1000 ;;
        podman) "${P[@]}" run -d --network "$PODMAN_NETWORK" "$IMG" sleep 1000 ;;
    esac
}
exec_cmd() {
    case "$1" in
        berth) echo "$(q "${B[@]}") exec $(q "$2") true" ;;
        runc | runc-seccomp) echo "$(q "${RUNC[@]}") exec $(q "$2") true" ;;
        docker) echo "docker exec $(q "$2") true" ;;
        podman) echo "$(q "${P[@]}") exec $(q "$2") true" ;;
    esac
}
# docker run gets the label too (so cleanup finds stragglers); it is not in the timed name.
docker_label() { [[ $1 == docker ]] && echo "${2/docker run /docker run --label $(q "$LABEL") }" || echo "$2"; }

STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$HERE/results"
mkdir -p "$RESULTS"
PREFIX="$RESULTS/${STAMP}-run"
PARTS=()

# time_phase PHASE NAME=CMD...: each command once untimed (a failing one is dropped loudly, its stderr shown),
# then all the others side by side in one hyperfine invocation.
time_phase() {
    local phase="$1"; shift
    local args=() pair name cmd err
    for pair in "$@"; do
        name="${pair%%=*}"; cmd="${pair#*=}"; err="$WORK/$name.err"
        if ! bash -c "$cmd" >/dev/null 2>"$err" </dev/null; then
            echo "    $name FAILED, not timed; its stderr:"
            tail -n 15 "$err" | sed 's/^/      /'
            continue
        fi
        args+=(-n "$name" "$cmd >/dev/null 2>>$(q "$err") </dev/null")
    done
    [[ ${#args[@]} -gt 0 ]] || return 0
    local round rounds=() gap=()
    [[ $GAP != 0 && $GAP != 0.0 ]] && gap=(--prepare "sleep $GAP")
    for ((round = 1; round <= ROUNDS; round++)); do
        [[ $ROUNDS -gt 1 ]] && echo "    round $round of $ROUNDS"
        if ! hyperfine -S bash --warmup "$WARMUP" --runs "$((RUNS / ROUNDS))" "${gap[@]}" --export-json "$PREFIX-$phase-$round.json" "${args[@]}"; then
            echo "    hyperfine failed for $phase"
            return 0
        fi
        rounds+=("$PREFIX-$phase-$round.json")
    done
    # One result per command, with the times of every round.
    python3 - "$PREFIX-$phase.json" "${rounds[@]}" <<'PY'
import json, os, sys
merged = {}
for path in sys.argv[2:]:
    for result in json.load(open(path))["results"]:
        merged.setdefault(result["command"], {**result, "times": []})["times"] += result["times"]
    os.remove(path)
json.dump({"results": list(merged.values())}, open(sys.argv[1], "w"))
PY
    PARTS+=("$PREFIX-$phase.json")
}

# ---------------------------------------------------------------- run
log "timing run ($WARMUP warmup + $RUNS runs each, warm caches, $GAP s idle before each run)"
pairs=()
for engine in $ACTIVE; do pairs+=("$engine run=$(docker_label "$engine" "$(run_cmd "$engine")")"); done
time_phase run "${pairs[@]}"
if [[ " $ACTIVE " == *" berth "* ]]; then
    n=$("${B[@]}" ps -aq | wc -l)
    [[ $n == 0 ]] || echo "    WARNING: berth run --rm left $n containers behind"
    n=$(grep -cF " $BRUN" /proc/mounts || true)
    [[ $n == 0 ]] || echo "    WARNING: berth run --rm left $n mounts under $BRUN"
fi

# ---------------------------------------------------------------- exec
if [[ $EXEC == 1 ]]; then
    log "starting one sleeping container per engine for exec"
    pairs=()
    for engine in $ACTIVE; do
        if ! id=$(start_exec_target "$engine" 2>"$WORK/$engine-exec-target.err"); then
            echo "    $engine: the exec target did not start; its stderr:"
            tail -n 15 "$WORK/$engine-exec-target.err" | sed 's/^/      /'
            continue
        fi
        pairs+=("$engine exec=$(exec_cmd "$engine" "$(echo "$id" | tail -n 1)")")
    done
    log "timing exec ($WARMUP warmup + $RUNS runs each)"
    [[ ${#pairs[@]} -gt 0 ]] && time_phase exec "${pairs[@]}"
fi

# ---------------------------------------------------------------- report
[[ ${#PARTS[@]} -gt 0 ]] || { echo "nothing was measured" >&2; exit 1; }
log "results (hyperfine JSON/markdown: $PREFIX.{json,md})"
WARMUPS="$WARMUP"; [[ $ROUNDS -gt 1 ]] && WARMUPS="$WARMUP (in each of $ROUNDS rounds)"
python3 - "$PREFIX" "$((RUNS / ROUNDS * ROUNDS))" "$WARMUPS" "$NETWORK" "$(nproc)" "$GAP" "${PARTS[@]}" <<'EOF'
import json, os, statistics, sys
prefix, runs, warmup, network, ncpu, gap = sys.argv[1:7]
results = []
for p in sys.argv[7:]:
    results += json.load(open(p))["results"]
    os.remove(p)
json.dump({"results": results}, open(prefix + ".json", "w"), indent=2)
ms = {r["command"]: 1000 * statistics.median(r["times"]) for r in results}
lo = {r["command"]: 1000 * min(r["times"]) for r in results}
hi = {r["command"]: 1000 * max(r["times"]) for r in results}

print(f"{'':20}{'median':>10}{'min':>10}{'max':>10}")
for k in ms:
    print(f"{k:20}{ms[k]:8.1f}ms{lo[k]:8.1f}ms{hi[k]:8.1f}ms")
with open(prefix + ".md", "w") as md:
    md.write("| Command | Median [ms] | Min [ms] | Max [ms] |\n|:---|---:|---:|---:|\n")
    for k in ms:
        md.write(f"| `{k}` | {ms[k]:.1f} | {lo[k]:.1f} | {hi[k]:.1f} |\n")

print()
verdicts, ratios = [], []
for phase in ("run", "exec"):
    b = ms.get(f"berth {phase}")
    if b is None:
        continue
    r = ms.get(f"runc {phase}")
    if r is not None:
        x = b / r
        ratios.append(f"{phase}: berth/runc = {x:.2f}x")
        verdicts.append(f"berth {phase} {'within' if x <= 1.5 else 'MISSES'} 1.5x of runc {phase} ({x:.2f}x)")
    s = ms.get(f"runc-seccomp {phase}")
    if s is not None:
        ratios.append(f"{phase}: berth/runc-seccomp = {b / s:.2f}x")
        if r is not None:
            ratios.append(f"{phase}: runc-seccomp/runc = {s / r:.2f}x (the cost of the default seccomp profile)")
    for peer in ("docker", "podman"):
        p = ms.get(f"{peer} {phase}")
        if p is None:
            continue
        x = p / b
        ratios.append(f"{phase}: {peer}/berth = {x:.2f}x")
        if phase == "run":
            verdicts.append(f"berth run {'faster' if x > 1 else 'NOT faster'} than {peer} run ({x:.2f}x)")
print("Ratios (berth/runc: below 1.5 meets the target; peer/berth: above 1 means berth is faster):")
for line in ratios:
    print("  " + line)
print()
print("Targets: " + ("; ".join(verdicts) if verdicts else "not measurable without berth") + ".")
with open(prefix + ".md", "a") as md:
    md.write("\n" + "\n".join(f"- {l}" for l in ratios) + "\n\nTargets: " + "; ".join(verdicts) + ".\n")
print()
print("Summary: warm container start-up with a busybox image (`true`), network %s, medians of %s runs after %s "
      "warmups on %s CPUs, %s: %s. %s." % (network, runs, warmup, ncpu,
      f"each run after {gap} s idle" if float(gap) > 0 else "runs back to back",
      ", ".join(f"{k} {v:.1f} ms" for k, v in ms.items()), "; ".join(ratios)))
EOF
cp "$PREFIX.md" "$RESULTS/latest-run.md" 2>/dev/null || true

# ---------------------------------------------------------------- trace
# One traced 'berth run --rm': every process named by what it executed (threads and forks inherit the name),
# with the syscalls that mark phases: spawns, mounts, fsyncs, renames, unlinks, socket connects, exits.
if [[ $TRACE == 1 && " $ACTIVE " == *" berth "* ]] && command -v strace >/dev/null; then
    TRACE_OUT="$RESULTS/${STAMP}-run-trace.txt"
    log "tracing one 'berth run --rm' (strace; full trace: $TRACE_OUT; ms since the CLI's execve)"
    seccomp=()
    strace --help 2>&1 | grep -q -- --seccomp-bpf && seccomp=(--seccomp-bpf)  # stop only on traced syscalls
    strace -f "${seccomp[@]}" -tt -s 200 -o "$TRACE_OUT" \
        -e trace=execve,exit_group,clone,clone3,vfork,mount,umount2,fsync,fdatasync,syncfs,rename,renameat2,connect,unlink,unlinkat,rmdir \
        "${B[@]}" run --rm --network "$NETWORK" "$IMG" true >/dev/null 2>&1 || true
    python3 - "$TRACE_OUT" "$WORK/" <<'PY'
import re, sys
from datetime import datetime
path, work = sys.argv[1:]
owner, t0 = {}, None
for line in open(path):
    m = re.match(r"(\d+)\s+(\d\d:\d\d:\d\d\.\d+)\s+(.*)", line.rstrip())
    if not m:
        continue
    pid, t, rest = int(m.group(1)), datetime.strptime(m.group(2), "%H:%M:%S.%f"), m.group(3)
    if t0 is None:
        t0, owner[pid] = t, "berth-cli"
    ms, who = (t - t0).total_seconds() * 1000, owner.get(pid, "?")
    if rest.startswith(("clone", "vfork", "<... clone", "<... vfork")):
        child = re.search(r"= (\d+)$", rest)
        # A vfork parent's clone returns only after the child has exec'd: keep the name the child took.
        if child and int(child.group(1)) not in owner:
            owner[int(child.group(1))] = who
        continue
    if rest.startswith("execve(") and "ENOENT" not in rest:
        args = re.findall(r'"([^"]*)"', rest)[1:]
        verb = next((a for a in args if a in ("container-monitor", "state", "create", "start", "delete", "kill", "exec", "init")), "")
        owner[pid] = args[0].rsplit("/", 1)[-1] + ("-" + verb if verb else "")
        if owner[pid] == "berth-container-monitor":
            owner[pid] = "berth-monitor"
        print(f"{ms:8.1f}  {owner[pid]:<16} execve {' '.join(a for a in args[1:] if not a.startswith(('/', '--')))[:90]}")
        continue
    if rest.startswith(("+++", "---", "<...")) or "resumed>" in rest:
        continue
    if re.match(r'(mount|umount2)\("[^"]*", "(/proc/|/sys/|\.")', rest) or rest.startswith('umount2(".'):
        continue  # runc init's mounts inside the container (proc, sys, masked paths): one line each is too much
    rest = re.sub(r"[0-9a-f]{64}", "ID", rest.replace(work, ""))
    print(f"{ms:8.1f}  {who:<16} {rest[:130]}")
PY
fi
