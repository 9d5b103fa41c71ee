#!/usr/bin/env bash
# The demo: builds Berth, makes a busybox image from Debian's busybox-static, and walks it through the
# image commands in a throwaway state root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
berth="$(pwd)/artifacts/berth/berth"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
b system df
b system check
