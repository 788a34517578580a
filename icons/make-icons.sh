#!/bin/sh
# Makes every icon the platforms need from icons/portforward.svg (run from the repository's top):
# the PNG sizes (window icon, Linux menu), portforward.ico (Windows) and portforward.icns (macOS).
# Needs ImageMagick and python3. The results are committed, so building needs neither.
set -e
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512 1024; do
    convert -background none -density 300 portforward.svg -resize "${s}x${s}" "portforward-$s.png"
done
convert portforward-16.png portforward-24.png portforward-32.png portforward-48.png portforward-64.png \
    portforward-128.png portforward-256.png portforward.ico
# ICNS is a 'icns' header (magic, total length) and entries (type, length, PNG data); lengths are
# big-endian and count their own 8-byte headers. The types are Apple's PNG-holding ones.
python3 - <<'PY'
import struct
entries = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
           ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)]
body = b""
for kind, size in entries:
    png = open(f"portforward-{size}.png", "rb").read()
    body += kind.encode("ascii") + struct.pack(">I", len(png) + 8) + png
open("portforward.icns", "wb").write(b"icns" + struct.pack(">I", len(body) + 8) + body)
PY
rm portforward-1024.png
