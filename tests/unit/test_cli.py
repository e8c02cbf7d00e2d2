"""The command line: codes, show, explain, check, search; one-line errors, never tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sacroref import CONTENT_EDITION, __version__
from sacroref.cli import main
from tests.helpers.content import BUNDLED_CODES, SOURCES, write_folder


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_codes_lists_every_code_tab_separated(capsys, catalog):
    code, out, _ = run(capsys, "codes")
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == catalog.code_count() == BUNDLED_CODES
    assert (
        "0QP134Z\tICD-10-PCS\tRemoval of Internal Fixation Device from Sacrum, "
        "Percutaneous Approach" in lines
    )
    assert any(line.startswith("0201T\tCPT\t") for line in lines)


def test_show_prints_the_full_detail(capsys):
    code, out, _ = run(capsys, "show", "0qp1-34z")
    assert code == 0
    assert "Character by character" in out
    assert "Kirschner wire" in out
    code, out, _ = run(capsys, "show", "22848")
    assert "Coder's summary" in out
    assert "yes: report it only with its primary procedure" in out


def test_show_unknown_code_is_one_line(capsys):
    code, out, err = run(capsys, "show", "99999")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "unknown code '99999'" in err


def test_explain_full_partial_and_wrong(capsys):
    assert (
        run(capsys, "explain", "0QP134Z")[1].splitlines()[4] == "5  Approach        3  Percutaneous"
    )
    code, out, _ = run(capsys, "explain", "0QP1")
    assert code == 0
    assert "3 character(s) to go" in out
    code, _, err = run(capsys, "explain", "0QP1Y")
    assert code == 1
    assert "character 5 (Approach) is 'Y'" in err
    assert (
        "valid choices there: 0 (Open), 3 (Percutaneous), 4 (Percutaneous Endoscopic), "
        "X (External)" in err
    )


def test_check_clean_and_broken(capsys, tmp_path):
    assert run(capsys, "check")[0] == 0
    folder = write_folder(
        tmp_path / "bad", {"s.toml": SOURCES, "x.toml": 'kind = "notes"\nsource = 1\n'}
    )
    code, _, err = run(capsys, "check", str(folder))
    assert code == 1
    assert "x.toml: source: expected a string, found a whole number" in err


def test_search(capsys):
    code, out, _ = run(capsys, "search", "k-wire")
    assert code == 0
    assert "0QP134Z" in out
    code, _, err = run(capsys, "search", "0QP1Y")
    assert code == 1
    assert "closest:" in err


def test_content_option_adds_local_notes(capsys, tmp_path):
    folder = write_folder(
        tmp_path / "local",
        {
            "s.toml": SOURCES,
            "n.toml": """
kind = "notes"
source = "test-source"
[[notes]]
code = "0201T"
title = "Payer X"
text = "Prior authorisation needed."
""",
        },
    )
    code, out, _ = run(capsys, "--content", str(folder), "show", "0201T")
    assert code == 0
    assert "Prior authorisation needed." in out


@pytest.mark.parametrize(("today", "warned"), [("2026-03-01", False), ("2026-10-01", True)])
def test_version_says_the_edition_and_whether_it_ended(capsys, monkeypatch, today, warned):
    import datetime

    import sacroref.core.edition

    monkeypatch.setattr(sacroref.core.edition, "today", lambda: datetime.date.fromisoformat(today))
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"sacroref {__version__} ({CONTENT_EDITION})"
    assert "for discharges from 2025-10-01 to 2026-09-30" in out[1]
    assert ("ICD-10-PCS FY2026 ended 2026-09-30. FY2027 is in force" in "\n".join(out)) is warned


@pytest.mark.parametrize("args", [["bogus"], ["show"], ["--nope"], ["import-pcs"]])
def test_bad_arguments_are_one_line(capsys, args):
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("sacroref")
    assert ": error: " in err


def test_python_dash_m_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "sacroref", "show", "0200T"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "0200T" in done.stdout
    assert done.stderr == ""


def test_escape_sequences_in_content_and_names_are_shown_escaped(capsys, tmp_path):
    page = (
        'kind = "cpt-page"\ncode = "99999"\ngroup = "Local"\nname = "Evil\\u001b]0;owned\\u0007"\n'
        'add_on = { value = false, source = "test-source" }\n'
        '[sections.summary]\nsource = "test-source"\ntext = "red \\u001b[31m text \\u202e"\n'
    )
    folder = write_folder(
        tmp_path / "esc", {"sources.toml": SOURCES, "page.toml": page, "bad\x1b[2J.toml": "x"}
    )
    code, out, err = run(capsys, "--content", str(folder), "show", "99999")
    assert code == 0
    assert "\x1b" not in out + err
    assert "\x07" not in out + err
    assert "\u202e" not in out
    assert "Evil\\x1b]0;owned\\x07" in out
    assert "red \\x1b[31m text \\u202e" in out
    assert "bad\\x1b[2J.toml" in err
    code, out, err = run(capsys, "check", str(folder))
    assert code == 1
    assert "\x1b" not in out + err
    assert "bad\\x1b[2J.toml" in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "nonexistent", "content folder does not exist"),
        (lambda p: (p / "file.toml").write_text("x") and p / "file.toml", "is a file, not a"),
    ],
)
def test_a_content_folder_that_is_not_one_fails_every_look_up(capsys, tmp_path, make, message):
    folder = make(tmp_path)
    for command in (["show", "0QP134Z"], ["codes"], ["search", "k-wire"], ["explain", "0QP1"]):
        code, out, err = run(capsys, "--content", str(folder), *command)
        assert code == 2, command
        assert out == ""
        assert err == f"sacroref: --content {folder}: {message}\n" or message in err
    code, _, err = run(capsys, "check", str(folder))
    assert code == 1
    assert message in err


def test_an_empty_content_folder_is_not_clean(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "check", str(tmp_path / "empty"))
    assert code == 1
    assert "holds no .toml content files" in err


def test_several_content_folders(capsys, tmp_path):
    first = write_folder(tmp_path / "a", {"sources.toml": SOURCES})
    second = write_folder(
        tmp_path / "b",
        {
            "n.toml": 'kind = "notes"\nsource = "test-source"\n[[notes]]\ncode = "0QP134Z"\n'
            'title = "Payer rule"\ntext = "Ask."\n'
        },
    )
    code, out, _ = run(capsys, "--content", str(first), "--content", str(second), "show", "0QP134Z")
    assert code == 0
    assert "Payer rule" in out


def test_two_folders_after_one_content_option_say_how_to_give_them(capsys, tmp_path):
    with pytest.raises(SystemExit) as exited:
        run(capsys, "--content", str(tmp_path), str(tmp_path), "show", "0QP134Z")
    assert exited.value.code == 2
    _, err = capsys.readouterr()
    assert "give --content once for each folder" in err
    assert err.count("\n") == 1
    with pytest.raises(SystemExit):
        run(capsys, "shw", "0QP134Z")
    assert "--content" not in capsys.readouterr().err


def test_explain_says_a_cpt_code_is_cpt(capsys):
    code, _, err = run(capsys, "explain", "0200T")
    assert code == 1
    assert "0200T is a CPT code, not an ICD-10-PCS code" in err
    assert "character" not in err.split("explain reads")[0]


def test_search_prints_each_match_once(capsys):
    code, out, _ = run(capsys, "search", "0qp1")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 17
    assert len(set(lines)) == 17


def test_diff_editions_with_a_selection_matching_nothing_fails(capsys, tmp_path):
    from tests.helpers.cms import write_cms

    old = write_cms(tmp_path / "old", version="2025")
    new = write_cms(tmp_path / "new", version="2026")
    code, _, err = run(
        capsys, "diff-editions", str(old["tables"]), str(new["tables"]), "--select", "ZZZ"
    )
    assert code == 1
    assert "--select ZZZ matches no table" in err
