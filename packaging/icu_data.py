"""A smaller ICU data library for the Linux build: Qt needs little of ICU's 30 MiB of data.

Qt Core calls ICU for case mapping, time-zone names, legacy text codecs and collation;
sacroref uses none of the locale-specific parts, so the build keeps ICU's core tables, the
time-zone and collation roots and English, and drops every other locale, the legacy
codec tables, break rules and dictionaries, transliterators and character names. The data
is ICU's "common data" package (format ``CmnD``): a header, a sorted table of contents, and
16-byte aligned items.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

#: Locales kept wherever a locale's data appears: the root and English.
KEPT_LOCALES = frozenset({"root", "en", "en_US", "en_US_POSIX"})
#: The sub-folders Qt Core reaches (collation, time-zone names), and what else they need.
KEPT_FOLDERS = frozenset({"coll", "zone"})
KEPT_IN_FOLDERS = frozenset({"res_index.res", "pool.res", "ucadata.icu"})
#: Unicode character names: ICU's u_charName, which Qt never calls.
DROPPED = frozenset({"unames.icu"})
_LOCALE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]+)*$")
_ALIGN = 16


def keeps(item: str) -> bool:
    """Return whether the trimmed package keeps an item such as ``icudt73l/coll/en.res``."""
    parts = item.split("/")[1:]  # drop the package name
    name = parts[-1]
    stem, _, kind = name.rpartition(".")
    if len(parts) > 1:  # a sub-folder: collation, zone names, break rules, units ...
        return parts[0] in KEPT_FOLDERS and (stem in KEPT_LOCALES or name in KEPT_IN_FOLDERS)
    if name in DROPPED:
        return False
    if kind == "cnv":  # legacy codec tables; UTF-8 and Latin-1 are built into ICU and Qt
        return False
    return stem in KEPT_LOCALES or not (kind == "res" and _LOCALE.match(stem))


def read_items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Return a common-data package's header and its (name, data) items, in order."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", package, header_size)[0]
    entries = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_at, data_at) in enumerate(entries):
        start = header_size + name_at
        name = package[start : package.index(b"\0", start)].decode("ascii")
        end = header_size + entries[index + 1][1] if index + 1 < count else len(package)
        items.append((name, package[header_size + data_at : end]))
    return package[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """Return a common-data package of items (names sorted, as ICU's lookup needs)."""
    items = sorted(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_at = -(-(toc_size + len(names)) // _ALIGN) * _ALIGN
    header_pad = -len(header) % _ALIGN  # items must stay 16-byte aligned in the file too
    assert header_pad == 0, "ICU headers are 16-byte aligned"
    toc = [struct.pack("<I", len(items))]
    blobs = []
    name_at = toc_size
    for name, data in items:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = data + bytes(-len(data) % _ALIGN)
        blobs.append(padded)
        data_at += len(padded)
    body = b"".join(toc) + names
    body += bytes(-len(body) % _ALIGN)
    return header + body + b"".join(blobs)


def _symbol(library: Path) -> tuple[str, int, int]:
    """Return the data symbol of libicudata (``icudt73_dat``), its address and size."""
    listing = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            return fields[3], int(fields[0], 16), int(fields[1], 16)
    raise ValueError(f"{library}: no icudt*_dat symbol")


def _file_offset(image: bytes, address: int) -> int:
    """Return where a virtual address of an ELF64 file lies in the file."""
    section_table, entry_size, count = (
        struct.unpack_from("<Q", image, 0x28)[0],
        struct.unpack_from("<H", image, 0x3A)[0],
        struct.unpack_from("<H", image, 0x3C)[0],
    )
    for index in range(count):
        at = section_table + index * entry_size
        kind = struct.unpack_from("<I", image, at + 4)[0]
        start, offset, size = (int(value) for value in struct.unpack_from("<QQQ", image, at + 16))
        if kind != 8 and start <= address < start + size:  # 8: no bits in the file
            return offset + address - start
    raise ValueError(f"address {address:#x} is in no section")


def trimmed_library(library: Path, out_dir: Path) -> Path:
    """Write a libicudata with the trimmed package (same file name and soname); return it."""
    image = library.read_bytes()
    symbol, address, size = _symbol(library)
    start = _file_offset(image, address)
    header, items = read_items(image[start : start + size])
    package = write_package(header, [(name, data) for name, data in items if keeps(name)])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "data.dat").write_bytes(package)
    stub = out_dir / "icudata.c"
    stub.write_text(
        "__asm__(\n"
        '  ".section .rodata\\n"\n'
        f'  ".global {symbol}\\n"\n'
        f'  ".type {symbol}, @object\\n"\n'
        '  ".balign 16\\n"\n'
        f'  "{symbol}:\\n"\n'
        f'  ".incbin \\"{out_dir / "data.dat"}\\"\\n"\n'
        f'  ".size {symbol}, . - {symbol}\\n");\n',
        encoding="ascii",
    )
    target = out_dir / library.name
    subprocess.run(
        [
            shutil.which("cc") or "gcc",
            "-shared",
            "-nostdlib",
            "-o",
            str(target),
            f"-Wl,-soname,{library.name}",
            str(stub),
        ],
        check=True,
    )
    return target
