#!/usr/bin/env python3
"""Checks a screenshot: a PNG of WIDTHxHEIGHT that is not blank (more than 50 colours sampled).

usage: png_not_blank.py FILE.png WIDTH HEIGHT   (exit 1 with the reason otherwise)
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, bpp = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, bpp, zlib.decompress(idat)


def sampled_colours(width, height, bpp, raw):
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):  # undo the PNG row filter
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            for x in range(0, width, 3):
                colours.add(bytes(line[x * bpp:x * bpp + 3]))
        prev = line
    return colours


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    width, height, bpp, raw = decode(path)
    colours = sampled_colours(width, height, bpp, raw)
    print(f"screenshot {width}x{height}, {len(colours)} colours sampled")
    if (width, height) != (want_w, want_h):
        sys.exit(f"unexpected size {width}x{height}")
    if len(colours) <= 50:
        sys.exit("the screenshot looks blank")


main()
