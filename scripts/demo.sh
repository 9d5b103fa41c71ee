#!/usr/bin/env bash
# The demo: builds Berth, makes a busybox image from Debian's busybox-static, walks it through the image
# commands, ships it through a local registry, runs containers from it, builds a Dockerfile on it and puts
# containers on a network of their own, all in a throwaway state root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
berth="$(pwd)/artifacts/berth/berth"
work=$(mktemp -d)
# Containers go first: their monitors and rootfs mounts live under $work.
cleanup() {
  "$berth" --root "$work/root" --runroot "$work/run" rm -f $("$berth" --root "$work/root" --runroot "$work/run" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  "$berth" --root "$work/root" --runroot "$work/run" network prune -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
b() { echo "+ berth $*" >&2; "$berth" --root "$work/root" --runroot "$work/run" "$@"; }

mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/tmp"
cp /bin/busybox "$work/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -s busybox "$work/rootfs/bin/$applet"; done
echo 'root:x:0:0:root:/root:/bin/sh' > "$work/rootfs/etc/passwd"
tar -C "$work/rootfs" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/busybox.tar" .

b import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' --message "busybox from Debian's busybox-static" "$work/busybox.tar" busybox:demo
b save -o "$work/busybox-image.tar" busybox:demo
b rmi busybox:demo
b load -i "$work/busybox-image.tar"
b tag busybox:demo localhost:5000/demo/busybox:1.0
b images
b image inspect --format '{{.Id}} {{.RepoTags}} {{.Config.Cmd}} {{.Os}}/{{.Architecture}} {{.Size}} bytes' busybox:demo
b history busybox:demo
b save --format oci-archive -o "$work/busybox-oci.tar" busybox:demo
if command -v skopeo >/dev/null; then skopeo inspect --format '{{.Digest}} {{.Layers}}' "oci-archive:$work/busybox-oci.tar"; fi

# Ship it through a registry of our own on loopback: push, forget, pull back by digest.
if command -v docker-registry >/dev/null; then
  cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: 127.0.0.1:5099}
YAML
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  registry=$!
  trap 'kill $registry 2>/dev/null; cleanup' EXIT
  for _ in $(seq 1 50); do curl -fs http://127.0.0.1:5099/v2/ >/dev/null && break; sleep 0.1; done
  b tag busybox:demo 127.0.0.1:5099/demo/busybox:1.0
  b push 127.0.0.1:5099/demo/busybox:1.0
  digest=$(b image inspect --format '{{index .RepoDigests 0}}' 127.0.0.1:5099/demo/busybox:1.0)
  b rmi 127.0.0.1:5099/demo/busybox:1.0 >/dev/null
  b pull "$digest"
fi
b images --digests

# Run it: a one-shot container, a detached one with exec, logs, stop and the exit code, a volume that outlives
# its container.
b run --rm busybox:demo sh -c 'echo "hello from $(hostname), pid $$, user $(id -un)"'
b run -d --name ticker --memory 64m busybox:demo sh -c 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done'
sleep 1
b exec ticker sh -c 'echo "memory limit: $(cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max)"'
b ps
b logs --tail 2 ticker
b stop -t 1 ticker
b ps -a --format '{{.Names}}: {{.Status}}'
b run --rm -v demo-data:/data busybox:demo sh -c 'echo kept > /data/note'
b run --rm -v demo-data:/data busybox:demo cat /data/note
set +e; b run --rm busybox:demo sh -c 'exit 7'; echo "exit code: $?"; set -e
b rm ticker

# Build: a two-stage Dockerfile with a cached rebuild, then the same build elsewhere gives the same image ID.
mkdir -p "$work/app"
printf 'hello from a built image\n' > "$work/app/message.txt"
cat > "$work/app/Dockerfile" <<'DOCKERFILE'
FROM busybox:demo AS builder
ARG GREETING=hello
RUN mkdir -p /out && echo "$GREETING, built on $(hostname)" > /out/built.txt
FROM busybox:demo
COPY --from=builder /out/ /srv/
COPY message.txt /srv/
WORKDIR /srv
CMD ["sh", "-c", "cat built.txt message.txt"]
DOCKERFILE
b build --progress=plain -t demo-app:1 --timestamp 1700000000 "$work/app"
b run --rm demo-app:1
b build -q -t demo-app:1 --timestamp 1700000000 "$work/app"
b history demo-app:1

# Networks: two containers on a user network find each other by name; a published port reaches the host.
b network create demo-net
b run -d --name web --network demo-net -p 127.0.0.1:8089:80 busybox:demo sh -c 'echo "served by web" > /index.html && httpd -f -p 80 -h /'
sleep 1
b run --rm --network demo-net busybox:demo wget -qO- http://web/index.html
/bin/busybox wget -qO- http://127.0.0.1:8089/index.html
b port web
b rm -f web
b network rm demo-net
b system df
b system check
