"""Readers for CMS's title files: the order file (both titles, table headings) and codes file.

The order file is fixed width, one row a line: columns 1-5 the order number, 7-13 the code
(three characters for a table heading), 15 the flag (1 a code, 0 a heading), 17-76 the
short title, 78 to the end the long title. The codes file is a code, a space, the long title.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from sacroref.cms.xml_files import CmsFileError


class CmsTitles(NamedTuple):
    """Titles by code (short may be empty: the codes file has long titles only), headings."""

    titles: dict[str, tuple[str, str]]  # code -> (short, long)
    headings: dict[str, str]  # three-character table -> CMS's heading


def text_lines(path: Path) -> list[str]:
    """Return an ASCII text file's lines (CRLF or LF); raise CmsFileError when it is not one."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CmsFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as error:
        raise CmsFileError(f"{path}: not ASCII text (byte {error.start})") from None
    return text.splitlines()  # CRLF or LF alike


def read_order_file(path: Path) -> CmsTitles:
    """Read an order file; raise CmsFileError naming the line when one is not of its layout."""
    titles: dict[str, tuple[str, str]] = {}
    headings: dict[str, str] = {}
    for number, line in enumerate(text_lines(path), 1):
        if not line.strip():
            continue
        order, code, flag = line[0:5], line[6:13].strip(), line[14:15]
        if (
            len(line) < 78
            or not order.isdigit()
            or line[5] != " "
            or line[13] != " "
            or flag not in ("0", "1")
            or line[15] != " "
            or line[76] != " "
        ):
            raise CmsFileError(
                f"{path}: line {number} is not in the order file's fixed-width layout "
                "(order 1-5, code 7-13, flag 15, short title 17-76, long title from 78)"
            )
        short, long = line[16:76].rstrip(), line[77:].rstrip()
        if flag == "0":
            if len(code) != 3:
                raise CmsFileError(f"{path}: line {number}: a heading's code has 3 characters")
            headings[code] = long
        elif len(code) != 7:
            raise CmsFileError(f"{path}: line {number}: {code!r} is not a 7-character code")
        else:
            titles[code] = (short, long)
    if not titles:
        raise CmsFileError(f"{path}: holds no code")
    return CmsTitles(titles, headings)


def read_codes_file(path: Path) -> CmsTitles:
    """Read a codes file (a code, a space, the long title, per line)."""
    titles: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(text_lines(path), 1):
        if not line.strip():
            continue
        code, space, long = line[:7], line[7:8], line[8:].strip()
        if len(code.strip()) != 7 or space != " " or not long:
            raise CmsFileError(f"{path}: line {number} is not a code, a space and a long title")
        titles[code] = ("", long)
    if not titles:
        raise CmsFileError(f"{path}: holds no code")
    return CmsTitles(titles, {})


def merged(order: CmsTitles | None, codes: CmsTitles | None) -> CmsTitles:
    """Return the order file's titles, with the codes file's long titles for codes it lacks."""
    titles = dict(codes.titles) if codes else {}
    headings: dict[str, str] = {}
    if order is not None:
        titles.update(order.titles)
        headings = dict(order.headings)
    return CmsTitles(titles, headings)


def read_codes_addenda(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Read a codes addenda file: the codes (with long titles) it adds, and those it deletes."""
    added: list[tuple[str, str]] = []
    deleted: list[tuple[str, str]] = []
    for line in text_lines(path):
        change, _, rest = line.partition(":")
        if change not in ("Add", "Delete"):
            continue  # headings and counts between the lists
        code, _, title = rest.strip().partition(" ")
        if len(code) != 7 or not title.strip():
            raise CmsFileError(f"{path}: {line.strip()!r} is not a code and its title")
        (added if change == "Add" else deleted).append((code, title.strip()))
    if not added and not deleted:
        raise CmsFileError(f"{path}: lists no Add: or Delete: line")
    return added, deleted
