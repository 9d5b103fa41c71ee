# Shared by the benchmark scripts: logging, shell quoting for hyperfine commands, and the check that an
# engine is installed and working before it is timed. Expects BERTH, B (berth with its temp root), P (podman
# with its temp root), BROOT, BRUN, WORK, PUBLISH and REPO from the caller.

log() { printf '\n==> %s\n' "$*"; }
skip() { printf '    skipping %s: %s\n' "$1" "$2"; }
q() { local s; printf -v s '%q ' "$@"; printf '%s' "${s% }"; }

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
