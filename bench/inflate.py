#!/usr/bin/env python3
"""gzip -dc FILE with zlib: the floor's decompressor where pigz is missing or unusable (gzip's own inflate is
slower than zlib's, so it would make the floor's gunzip stage look slower than decompression is)."""
import sys
import zlib

out = sys.stdout.buffer
with open(sys.argv[1], "rb") as f:
    d = zlib.decompressobj(wbits=47)  # 32 + 15: a gzip (or zlib) header, detected
    while chunk := f.read(1 << 20):
        while chunk:
            out.write(d.decompress(chunk))
            # A layer may be several gzip members one after the other.
            if d.eof:
                chunk = d.unused_data
                d = zlib.decompressobj(wbits=47)
            else:
                chunk = b""
    out.write(d.flush())
