#!/usr/bin/env python3
"""Deterministic docker-archive generator for the load/save benchmark (Python 3 stdlib only).

Writes a classic `docker save` archive (manifest.json, repositories, <config-hex>.json, <id>/layer.tar,
<id>/VERSION, <id>/json) that docker load, podman load and berth load all accept. The same seed and size
always produce byte-identical output: every tar header has fixed mtime/uid/gid/uname, and all content comes
from random.Random(seed).

Layer mix (proportional to --size-mb, default 600):
  1  "base"   thousands of small text/binary files in nested dirs, symlinks, a hardlink
  2  "libs"   medium files (100 KB - 1 MB), more small files
  3  "data"   one large file (~25% of the total), half random / half text
  4  "model"  one large file (~17%), plus small files
  5  "app"    small + medium files, a whiteout and an opaque directory over layer 1
  6  "assets" one large file (~17%) plus medium files

Usage: gen-archive.py --seed 1 --size-mb 600 [--gzip] --out FILE --tag berth-bench/load:latest
Prints the output path, then a JSON summary line on stderr.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import random
import sys
import tarfile

MTIME = 1700000000
MB = 1 << 20

WORDS = ("the of and to in is for on that with as by this be are from or at an it not which have "
         "container image layer overlay snapshot digest manifest config runtime mount namespace cgroup "
         "kernel process signal socket buffer stream archive compress inflate header entry record block "
         "error warning info debug trace request response handler service daemon client server network "
         "address port route table index cache store commit rollback transaction lock thread pool queue "
         "value key name path file directory link device node user group mode owner time size offset").split()


class Rng:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def rand(self, n):
        return self.r.randbytes(n)

    def text(self, n):
        # Compressible (~3-4x with gzip), but not trivially repetitive.
        out = io.StringIO()
        size = 0
        r = self.r
        while size < n:
            words = r.choices(WORDS, k=4096)
            chunk = []
            for i in range(0, 4096, 12):
                chunk.append(" ".join(words[i:i + 12]))
                chunk.append(f" {r.randrange(1 << 30)}\n")
            s = "".join(chunk)
            out.write(s)
            size += len(s)
        return out.getvalue().encode()[:n]

    def mixed(self, n, random_fraction):
        # Interleaved 1 MiB pieces of random and text data so both kinds of code paths get exercised.
        parts = []
        left = n
        while left > 0:
            k = min(MB, left)
            parts.append(self.rand(k) if self.r.random() < random_fraction else self.text(k))
            left -= k
        return parts


class ChunkReader(io.RawIOBase):
    """A read()-able view over a list of byte chunks (tarfile.addfile reads fileobj)."""

    def __init__(self, chunks):
        self.chunks = list(chunks)
        self.i = 0
        self.off = 0

    def readable(self):
        return True

    def readinto(self, b):
        n = 0
        while n < len(b) and self.i < len(self.chunks):
            c = self.chunks[self.i]
            k = min(len(b) - n, len(c) - self.off)
            b[n:n + k] = c[self.off:self.off + k]
            n += k
            self.off += k
            if self.off == len(c):
                self.i += 1
                self.off = 0
        return n


class HashingWriter:
    def __init__(self, f):
        self.f = f
        self.h = hashlib.sha256()
        self.n = 0

    def write(self, b):
        self.h.update(b)
        self.n += len(b)
        return self.f.write(b)

    def flush(self):
        self.f.flush()


def info(name, kind=tarfile.REGTYPE, size=0, mode=0o644, link=""):
    ti = tarfile.TarInfo(name)
    ti.type = kind
    ti.size = size
    ti.mode = mode
    ti.mtime = MTIME
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root"
    ti.linkname = link
    return ti


class LayerBuilder:
    def __init__(self, rng):
        self.rng = rng
        self.entries = []  # (tarinfo, chunks or None)
        self.dirs = set()
        self.files = 0
        self.bytes = 0

    def _dirs_for(self, path):
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            if d not in self.dirs:
                self.dirs.add(d)
                self.entries.append((info(d + "/", tarfile.DIRTYPE, mode=0o755), None))

    def file(self, path, chunks, mode=0o644):
        size = sum(len(c) for c in chunks)
        self._dirs_for(path)
        self.entries.append((info(path, size=size, mode=mode), chunks))
        self.files += 1
        self.bytes += size

    def symlink(self, path, target):
        self._dirs_for(path)
        self.entries.append((info(path, tarfile.SYMTYPE, link=target, mode=0o777), None))

    def hardlink(self, path, target):
        self._dirs_for(path)
        self.entries.append((info(path, tarfile.LNKTYPE, link=target), None))

    def small_files(self, root, count, depth=4, fanout=6):
        r = self.rng.r
        for i in range(count):
            d = root + "".join(f"/d{r.randrange(fanout)}" for _ in range(r.randrange(1, depth + 1)))
            size = int(r.lognormvariate(7.5, 1.0))  # median ~1.8 KB, long tail
            size = max(16, min(size, 64 * 1024))
            if r.random() < 0.8:
                data = self.rng.text(size)
                name = f"{d}/f{i:05d}.{r.choice(['txt', 'conf', 'py', 'h', 'json'])}"
                mode = 0o644
            else:
                data = self.rng.rand(size)
                name = f"{d}/b{i:05d}.{r.choice(['so', 'bin', 'pyc'])}"
                mode = 0o755 if r.random() < 0.5 else 0o644
            self.file(name, [data], mode)

    def medium_files(self, root, total):
        r = self.rng.r
        i = 0
        while total > 0:
            size = min(total, r.randrange(100 * 1024, MB))
            self.file(f"{root}/m{r.randrange(8)}/medium{i:04d}.dat", self.rng.mixed(size, 0.6))
            total -= size
            i += 1

    def write(self, out):
        hw = HashingWriter(out)
        self.entries.sort(key=lambda e: e[0].name.rstrip("/"))
        with tarfile.open(fileobj=hw, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            for ti, chunks in self.entries:
                tar.addfile(ti, ChunkReader(chunks) if chunks is not None else None)
        return "sha256:" + hw.h.hexdigest(), hw.n


def build_layers(seed, size_mb):
    rng = Rng(seed)
    total = size_mb * MB
    scale = size_mb / 600.0
    n_small = lambda n: max(50, int(n * min(1.0, scale) + 0.5))

    base = LayerBuilder(rng)
    base.small_files("usr/share/doc", n_small(2500), depth=4)
    base.small_files("etc", n_small(400), depth=2)
    base.medium_files("usr/lib", int(0.05 * total))
    base.file("bin/busybox", [rng.rand(900 * 1024)], 0o755)
    for tool in ["sh", "ls", "cat", "cp", "mv", "rm", "grep", "sed", "awk", "tar"]:
        base.symlink(f"bin/{tool}", "busybox")
    base.hardlink("bin/busybox-hard", "bin/busybox")
    base.file("etc/obsolete.conf", [rng.text(2048)])
    base.file("var/cache/app/stale1", [rng.text(4096)])
    base.file("var/cache/app/stale2", [rng.text(4096)])

    libs = LayerBuilder(rng)
    libs.medium_files("usr/lib/python3", int(0.10 * total))
    libs.small_files("usr/lib/python3/site-packages", n_small(2000), depth=5)

    data = LayerBuilder(rng)
    data.file("opt/data/dataset.bin", rng.mixed(int(0.25 * total), 0.5))

    model = LayerBuilder(rng)
    model.file("opt/model/weights.bin", rng.mixed(int(0.17 * total), 0.8))
    model.small_files("opt/model/meta", n_small(300), depth=2)

    app = LayerBuilder(rng)
    app.small_files("srv/app", n_small(1500), depth=4)
    app.medium_files("srv/app/static", int(0.05 * total))
    app._dirs_for("etc/.wh.obsolete.conf")
    app.entries.append((info("etc/.wh.obsolete.conf"), []))
    app.entries.append((info("var/cache/app/.wh..wh..opq"), []))
    app._dirs_for("var/cache/app/x")
    app.file("var/cache/app/fresh", [rng.text(1024)])

    assets = LayerBuilder(rng)
    assets.file("srv/assets/video.bin", rng.mixed(int(0.17 * total), 0.9))
    assets.medium_files("srv/assets/img", total - sum(l.bytes for l in [base, libs, data, model, app]) - int(0.17 * total))

    return [base, libs, data, model, app, assets]


def add_bytes(tar, name, data):
    tar.addfile(info(name, size=len(data)), io.BytesIO(data))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--size-mb", type=int, default=600)
    p.add_argument("--gzip", action="store_true", help="gzip each layer.tar (diff_ids stay the uncompressed sha256)")
    p.add_argument("--tag", default="berth-bench/load:latest")
    p.add_argument("--out", required=True)
    a = p.parse_args()

    workdir = a.out + ".parts"
    os.makedirs(workdir, exist_ok=True)
    layers = build_layers(a.seed, a.size_mb)

    diff_ids, layer_files, stats = [], [], []
    for i, lb in enumerate(layers):
        path = os.path.join(workdir, f"layer{i}.tar")
        with open(path, "wb") as f:
            diff_id, size = lb.write(f)
        if a.gzip:
            gz = path + ".gz"
            with open(path, "rb") as src, open(gz, "wb") as raw:
                with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0, filename="") as dst:
                    while chunk := src.read(4 * MB):
                        dst.write(chunk)
            os.remove(path)
            path = gz
        diff_ids.append(diff_id)
        layer_files.append(path)
        stats.append({"diff_id": diff_id, "tar_bytes": size, "files": lb.files, "entries": len(lb.entries)})
        lb.entries = None  # free the content

    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": "2023-11-14T22:13:20Z",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                   "Cmd": ["/bin/sh"], "WorkingDir": "/srv/app"},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created": "2023-11-14T22:13:20Z", "created_by": f"/bin/sh -c #(nop) layer {i}"}
                    for i in range(len(diff_ids))],
    }
    config_bytes = json.dumps(config, separators=(",", ":"), sort_keys=True).encode()
    config_hex = hashlib.sha256(config_bytes).hexdigest()

    # v1-style layer ids as docker save wrote them: a chain over the diff_ids.
    ids, parent = [], ""
    for d in diff_ids:
        parent = hashlib.sha256((parent + " " + d).encode()).hexdigest()
        ids.append(parent)

    repo, tag = a.tag.rsplit(":", 1)
    manifest = [{"Config": f"{config_hex}.json", "RepoTags": [a.tag],
                 "Layers": [f"{lid}/layer.tar" for lid in ids]}]
    tmp = a.out + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as tar:
        for i, (lid, path) in enumerate(zip(ids, layer_files)):
            tar.addfile(info(lid + "/", tarfile.DIRTYPE, mode=0o755))
            add_bytes(tar, f"{lid}/VERSION", b"1.0")
            v1 = {"id": lid, "created": "2023-11-14T22:13:20Z", "os": "linux"}
            if i > 0:
                v1["parent"] = ids[i - 1]
            add_bytes(tar, f"{lid}/json", json.dumps(v1, sort_keys=True).encode())
            with open(path, "rb") as f:
                tar.addfile(info(f"{lid}/layer.tar", size=os.path.getsize(path)), f)
        add_bytes(tar, f"{config_hex}.json", config_bytes)
        add_bytes(tar, "manifest.json", json.dumps(manifest, separators=(",", ":")).encode())
        add_bytes(tar, "repositories", json.dumps({repo: {tag: ids[-1]}}, separators=(",", ":")).encode())
    os.replace(tmp, a.out)
    for path in layer_files:
        os.remove(path)
    os.rmdir(workdir)

    summary = {"archive": a.out, "bytes": os.path.getsize(a.out), "image_id": "sha256:" + config_hex,
               "uncompressed_layer_bytes": sum(s["tar_bytes"] for s in stats),
               "files": sum(s["files"] for s in stats), "layers": stats}
    print(a.out)
    print(json.dumps(summary), file=sys.stderr)


if __name__ == "__main__":
    main()
