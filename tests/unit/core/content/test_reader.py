"""One bad file never costs the rest, never hangs, never blows up: odd files, links, nesting."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sacroref.core.content.loader import load_content
from sacroref.core.content.reader import MAX_FILE_BYTES
from tests.helpers.content import BUNDLED_PCS_CODES, SOURCES, as_ordinary_user, write_folder

NOTE = (
    'kind = "notes"\nsource = "test-source"\n[[notes]]\ncode = "0QP134Z"\n'
    'title = "Payer rule"\ntext = "Ask for the operative report."\n'
)


def local_folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "local", {"sources.toml": SOURCES, "note.toml": NOTE})


def problems_of(folder: Path) -> dict[str, str]:
    result = load_content([folder])
    assert "0QP134Z" in result.catalog.notes  # the valid file is always kept
    assert len(result.catalog.pcs_codes) == BUNDLED_PCS_CODES
    return {problem.file: problem.message for problem in result.problems}


def load_in_child(folder: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Load in a child process, so that a hang or a memory blow-up fails instead of stalling."""
    script = (
        "import sys, resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
        "from sacroref.core.content.loader import load_content; "
        "import pathlib; r = load_content([pathlib.Path(sys.argv[1])]); "
        "print(len(r.catalog.notes), *sorted(str(p) for p in r.problems), sep='\\n')"
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


@pytest.mark.parametrize("opening", ["[", "{ a = "])
def test_nesting_hundreds_deep_is_one_problem(tmp_path, opening):
    folder = local_folder(tmp_path)
    closing = "]" if opening == "[" else "}"
    (folder / "deep.toml").write_text("x = " + opening * 3000 + "1" + closing * 3000)
    found = problems_of(folder)
    assert "nested too deeply" in found[f"{folder}/deep.toml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_toml_never_hangs_the_loader(tmp_path):
    folder = local_folder(tmp_path)
    os.mkfifo(folder / "pipe.toml")
    done = load_in_child(folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "1"
    assert f"{folder}/pipe.toml: is a FIFO; not read" in done.stdout


def test_a_link_to_a_device_is_not_followed(tmp_path):
    folder = local_folder(tmp_path)
    (folder / "zero.toml").symlink_to("/dev/zero")
    done = load_in_child(folder)
    assert done.returncode == 0, done.stderr
    assert f"{folder}/zero.toml: is a link out of the content folder (to /dev/zero)" in done.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make device files")
def test_a_device_file_inside_the_folder_is_not_read(tmp_path):
    folder = local_folder(tmp_path)
    os.mknod(folder / "zero.toml", 0o600 | 0o020000, os.makedev(1, 5))
    done = load_in_child(folder)
    assert done.returncode == 0, done.stderr
    assert f"{folder}/zero.toml: is a device; not read" in done.stdout


def test_a_socket_named_toml_is_not_read(tmp_path):
    folder = local_folder(tmp_path)
    short = Path(tempfile.mkdtemp(dir="/tmp"))  # a socket path must be short
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(short / "s.toml"))
        (folder / "link").symlink_to(short)
        shutil.move(str(short / "s.toml"), folder / "s.toml")
        server.close()
        assert f"{folder}/s.toml" in problems_of(folder)
        assert "is a socket; not read" in problems_of(folder)[f"{folder}/s.toml"]
    finally:
        shutil.rmtree(short, ignore_errors=True)


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    folder = local_folder(tmp_path)
    with (folder / "huge.toml").open("wb") as huge:
        huge.truncate(MAX_FILE_BYTES + 1)
    found = problems_of(folder)
    assert found[f"{folder}/huge.toml"] == "is larger than 16 MiB; not read"


def test_a_link_loop_is_read_once_and_reported(tmp_path):
    folder = local_folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "again").symlink_to(folder)
    (folder / "sub" / "self").symlink_to(folder / "sub")
    found = problems_of(folder)
    assert "a loop" in found[f"{folder}/sub/again"]
    assert "a loop" in found[f"{folder}/sub/self"]
    result = load_content([folder])
    assert len(result.catalog.notes["0QP134Z"]) == 1  # not read forty times


def test_a_link_inside_the_folder_is_followed(tmp_path):
    folder = local_folder(tmp_path)
    (folder / "note.toml").rename(folder / "kept.txt")
    (folder / "note.toml").symlink_to(folder / "kept.txt")
    assert problems_of(folder) == {}


def test_a_link_out_of_the_folder_is_reported_not_followed(tmp_path):
    folder = local_folder(tmp_path)
    outside = write_folder(tmp_path / "elsewhere", {"other.toml": NOTE})
    (folder / "elsewhere").symlink_to(outside)
    found = problems_of(folder)
    assert "link out of the content folder" in found[f"{folder}/elsewhere"]
    assert len(load_content([folder]).catalog.notes["0QP134Z"]) == 1


def test_an_unreadable_subfolder_is_one_problem_for_a_user():
    # As root, permissions are not checked: run the loader as an ordinary user instead.
    base = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        base.chmod(0o755)
        folder = write_folder(base / "local", {"sources.toml": SOURCES, "note.toml": NOTE})
        folder.chmod(0o755)
        for path in folder.iterdir():
            path.chmod(0o644)
        (folder / "closed").mkdir(mode=0o700)
        (folder / "closed" / "x.toml").write_text(NOTE)
        (folder / "closed").chmod(0o000)
        command, env = as_ordinary_user([sys.executable, "-c", _CHILD, str(folder)], base)
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, check=False, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert f"{folder}/closed: folder cannot be read (Permission denied)" in done.stdout
        assert done.stdout.splitlines()[0] == "1"
    finally:
        (base / "local" / "closed").chmod(0o700)
        shutil.rmtree(base, ignore_errors=True)


_CHILD = (
    "import sys, pathlib; from sacroref.core.content.loader import load_content; "
    "r = load_content([pathlib.Path(sys.argv[1])]); "
    "print(len(r.catalog.notes), *sorted(str(p) for p in r.problems), sep='\\n')"
)
