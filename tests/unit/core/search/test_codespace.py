"""The code space's compact forms read back exactly as what they stand for."""

from __future__ import annotations

import bisect
import zlib

import pytest

from sacroref.core.search.codespace import JoinedCodes, PackedPostings, bits


def test_joined_codes_index_and_bisect_like_a_list():
    codes = ["0QP134Z", "0QP135Z", "0QS134Z", "XNH6058"]
    joined = JoinedCodes("".join(codes), 7)
    assert len(joined) == 4
    assert list(joined) == codes
    assert joined[-1] == "XNH6058"
    assert bisect.bisect_left(joined, "0QS") == bisect.bisect_left(codes, "0QS") == 2
    with pytest.raises(IndexError):
        joined[4]


def test_packed_word_lists_read_back_as_written():
    parts = {
        "removal": (3, zlib.compress(b"\x05\x01")),
        "sacrum": (0, zlib.compress(b"\xff")),
        "\x00body_part:sacrum": (1, zlib.compress(b"\x02")),
    }
    packed = PackedPostings(PackedPostings.pack(parts))
    assert dict(packed) == parts
    assert packed.words == sorted(parts)
    assert "sacrum" in packed
    assert "sacr" not in packed
    assert bits(packed["removal"][1], compressed=True) == 0x0105
    assert dict(PackedPostings(PackedPostings.pack({}))) == {}


def test_packed_word_lists_refuse_a_word_they_could_not_read_back():
    with pytest.raises(ValueError, match="line break"):
        PackedPostings.pack({"two\nwords": (0, b"")})
