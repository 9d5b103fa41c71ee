# Shared by the benchmark scripts: logging, shell quoting for hyperfine commands, and the check that an
# engine is installed and working before it is timed. Expects BERTH, WORKBASE, PUBLISH and REPO from the
# caller; make_workdir sets WORK, the temp roots and the B and P commands.

log() { printf '\n==> %s\n' "$*"; }
skip() { printf '    skipping %s: %s\n' "$1" "$2"; }
q() { local s; printf -v s '%q ' "$@"; printf '%s' "${s% }"; }

# make_workdir PREFIX: a fresh work dir under WORKBASE with temp roots for berth and podman, and the
# commands B (berth) and P (podman) that use them.
make_workdir() {
    WORK="$(mktemp -d "$WORKBASE/$1.XXXXXX")"
    BROOT="$WORK/berth-root"; BRUN="$WORK/berth-run"
    PROOT="$WORK/podman-root"; PRUN="$WORK/podman-run"
    if [[ -z ${CONTAINERS_CONF:-} ]]; then
        # Debian's podman asks for default ulimits above the hard limits here; none at all works everywhere.
        printf '[containers]\ndefault_ulimits = []\n' > "$WORK/containers.conf"
        export CONTAINERS_CONF="$WORK/containers.conf"
    fi
    B=("$BERTH" --root "$BROOT" --runroot "$BRUN")
    P=(podman --root "$PROOT" --runroot "$PRUN")
}

# usable ENGINE: 0 when ENGINE can be timed; otherwise prints why it is skipped and returns 1.
usable() {
    case "$1" in
        berth)
            if [[ $PUBLISH == 1 ]]; then
                log "publishing berth"
                (cd "$REPO" && dotnet publish src/Berth.Cli -c Release -o artifacts/berth) >/dev/null
            fi
            if [[ ! -x $BERTH ]]; then skip berth "$BERTH not found (run with --publish, or: dotnet publish src/Berth.Cli -c Release -o artifacts/berth)"; return 1; fi
            if ! "${B[@]}" images >/dev/null 2>"$WORK/err"; then skip berth "$(head -c 300 "$WORK/err")"; return 1; fi
            rm -rf "$BROOT" "$BRUN"
            ;;
        docker)
            if ! command -v docker >/dev/null; then skip docker "not installed"; return 1; fi
            if ! docker info >/dev/null 2>"$WORK/err"; then skip docker "daemon not reachable: $(head -c 300 "$WORK/err")"; return 1; fi
            ;;
        podman)
            if ! command -v podman >/dev/null; then skip podman "not installed"; return 1; fi
            if ! "${P[@]}" images >/dev/null 2>"$WORK/err"; then skip podman "$(head -c 300 "$WORK/err")"; return 1; fi
            ;;
        *) skip "$1" "unknown engine"; return 1 ;;
    esac
}
