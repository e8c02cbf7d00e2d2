"""Regenerate the bundled CMS content (resources/cms) from the CMS files in ../shared/reference,
then the bundled hand-written files' parsed cache (resources/parsed.bin).

python3 scripts/regenerate_content.py [REFERENCE_DIR]
python3 scripts/regenerate_content.py --parsed   (the cache alone, after editing a TOML file)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sacroref.cli import main  # noqa: E402

#: Every sacrum table (body part 1 of body system Q), plus insertion into the pelvic bones.
BUNDLED_SELECTION = ["*"]


def regenerate(reference: Path) -> int:
    """Run the importer on the reference files into resources/cms; return its exit status."""
    return main(
        [
            "import-pcs",
            "--tables",
            str(reference / "icd10pcs_tables_2026.xml"),
            "--definitions",
            str(reference / "icd10pcs_definitions_2026.xml"),
            "--index",
            str(reference / "icd10pcs_index_2025.xml"),
            "--previous",
            str(reference / "icd10pcs_tables_2025.xml"),
            "--order",
            str(reference / "fy2026-april-update" / "icd10pcs_order_2026.txt"),
            "--codes",
            str(reference / "icd10pcs_codes_2026.txt"),
            "--update-addenda",
            str(reference / "fy2026-april-update" / "codes_addenda_2026.txt"),
            "--update-name",
            "April 1, 2026 update",
            "--select",
            *BUNDLED_SELECTION,
            "--out",
            str(ROOT / "resources" / "cms"),
        ]
    )


def write_parsed_cache(resources: Path = ROOT / "resources") -> int:
    """Write the parsed cache of the hand-written files below ``resources``; return 0, or 1
    after printing every problem (the cache is then not written)."""
    from sacroref.core.content.loader import bundled_parsed_cache
    from sacroref.core.content.parsed_cache import PARSED_NAME
    from sacroref.core.content.problems import ContentError

    try:
        data = bundled_parsed_cache(resources)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    (resources / PARSED_NAME).write_bytes(data)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--parsed"]:
        raise SystemExit(write_parsed_cache())
    default = ROOT.parent / "shared" / "reference"
    status = regenerate(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
    raise SystemExit(status or write_parsed_cache())
