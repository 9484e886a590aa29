"""Save Xvfb's screen as a PNG and fail if nothing is drawn on it (standard library only).

    python3 build/windows/screenshot.py FBDIR/Xvfb_screen0 OUT.png [--wait SECONDS]

Xvfb started with `-fbdir FBDIR` keeps its screen in FBDIR/Xvfb_screen0 as an XWD image. With
--wait, polls until the screen shows a drawn window (or the time is up): the app under Wine takes
a few seconds to paint. Exit 0 when the screen shows a drawn window, 1 when it is blank.
"""

from __future__ import annotations

import argparse
import struct
import sys
import time
import zlib
from pathlib import Path


def read_xwd(path: Path) -> tuple[int, int, bytes]:
    """(width, height, RGB bytes) of a 24/32-bit TrueColor XWD file."""
    data = path.read_bytes()
    fields = struct.unpack(">25I", data[:100])
    header_size, _version, _fmt, depth, width, height = fields[:6]
    byte_order, bpp, bytes_per_line = fields[7], fields[11], fields[12]
    red_mask, green_mask, blue_mask = fields[14:17]
    ncolors = fields[19]
    if bpp != 32 or depth < 24:
        raise SystemExit(f"screenshot: {path}: {bpp} bits per pixel, depth {depth}; start Xvfb with 24-bit depth")
    offset = header_size + 12 * ncolors
    pixels = data[offset:offset + bytes_per_line * height]
    order = "little" if byte_order == 0 else "big"
    # Byte position of each colour in a 32-bit pixel, from its mask.
    shift = {m: (m & -m).bit_length() - 1 for m in (red_mask, green_mask, blue_mask)}
    pos = {m: (shift[m] // 8 if order == "little" else 3 - shift[m] // 8) for m in shift}
    rgb = bytearray(width * height * 3)
    for y in range(height):
        row = pixels[y * bytes_per_line:y * bytes_per_line + width * 4]
        out = memoryview(rgb)[y * width * 3:(y + 1) * width * 3]
        for channel, mask in enumerate((red_mask, green_mask, blue_mask)):
            out[channel::3] = row[pos[mask]::4]
    return width, height, bytes(rgb)


def write_png(path: Path, width: int, height: int, rgb: bytes) -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    stride = width * 3
    raw = b"".join(b"\0" + rgb[y * stride:(y + 1) * stride] for y in range(height))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def drawn(width: int, height: int, rgb: bytes) -> tuple[bool, str]:
    """Whether the screen shows a drawn window: enough of it differs from the background (the
    top-left pixel) and it has many colours (text, icons), not one flat rectangle."""
    background = rgb[:3]
    colours, covered, samples = set(), 0, 0
    for y in range(0, height, 4):
        row = rgb[y * width * 3:(y + 1) * width * 3]
        for x in range(0, width * 3, 12):
            pixel = row[x:x + 3]
            samples += 1
            colours.add(pixel)
            covered += pixel != background
    share = covered / samples
    summary = f"{share:.0%} of the screen drawn, {len(colours)} colours"
    return share > 0.2 and len(colours) > 32, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("xwd", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--wait", type=float, default=0.0, help="poll this long for a drawn window")
    args = parser.parse_args()
    deadline = time.monotonic() + args.wait
    while True:
        width, height, rgb = read_xwd(args.xwd)
        ok, summary = drawn(width, height, rgb)
        if ok or time.monotonic() >= deadline:
            break
        time.sleep(2)
    if ok:
        time.sleep(3)  # let the window finish painting, then take the picture
        width, height, rgb = read_xwd(args.xwd)
        ok, summary = drawn(width, height, rgb)
    write_png(args.png, width, height, rgb)
    print(f"screenshot: {args.png} ({width}x{height}): {summary}")
    if not ok:
        print("screenshot: the screen is blank: no window was drawn", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
