"""Small CMS-format XML files, written by the tests themselves."""

from __future__ import annotations

from pathlib import Path

TABLES = """<?xml version="1.0" encoding="utf-8"?>
<ICD10PCS.tabular>
  <version>{version}</version>
  <pcsTable>
    <axis pos="1" values="1"><title>Section</title><label code="0">Medical and Surgical</label></axis>
    <axis pos="2" values="1"><title>Body System</title><label code="Q">Lower Bones</label></axis>
    <axis pos="3" values="1"><title>Operation</title><label code="P">Removal</label>
      <definition>Taking out or off a device from a body part</definition></axis>
    <pcsRow codes="4">
      <axis pos="4" values="2"><title>Body Part</title><label code="0">Lumbar Vertebra</label><label code="1">Sacrum</label></axis>
      <axis pos="5" values="2"><title>Approach</title><label code="0">Open</label><label code="3">Percutaneous</label></axis>
      <axis pos="6" values="1"><title>Device</title><label code="4">Internal Fixation Device</label></axis>
      <axis pos="7" values="1"><title>Qualifier</title><label code="Z">No Qualifier</label></axis>
    </pcsRow>
    {extra_row}
  </pcsTable>
  <pcsTable>
    <axis pos="1" values="1"><title>Section</title><label code="0">Medical and Surgical</label></axis>
    <axis pos="2" values="1"><title>Body System</title><label code="Q">Lower Bones</label></axis>
    <axis pos="3" values="1"><title>Operation</title><label code="H">Insertion</label></axis>
    <pcsRow codes="2">
      <axis pos="4" values="2"><title>Body Part</title><label code="2">Pelvic Bone, Right</label><label code="3">Pelvic Bone, Left</label></axis>
      <axis pos="5" values="1"><title>Approach</title><label code="0">Open</label></axis>
      <axis pos="6" values="1"><title>Device</title><label code="4">Internal Fixation Device</label></axis>
      <axis pos="7" values="1"><title>Qualifier</title><label code="Z">No Qualifier</label></axis>
    </pcsRow>
  </pcsTable>
</ICD10PCS.tabular>
"""

EXTERNAL_ROW = """<pcsRow codes="1">
      <axis pos="4" values="1"><title>Body Part</title><label code="1">Sacrum</label></axis>
      <axis pos="5" values="1"><title>Approach</title><label code="X">External</label></axis>
      <axis pos="6" values="1"><title>Device</title><label code="4">Internal Fixation Device</label></axis>
      <axis pos="7" values="1"><title>Qualifier</title><label code="Z">No Qualifier</label></axis>
    </pcsRow>"""

DEFINITIONS = """<?xml version="1.0" encoding="utf-8"?>
<ICD10PCS.definitions>
  <version>2026</version>
  <section code="0">
    <title>Medical and Surgical</title>
    <axis pos="3"><title>Operation</title>
      <terms><title>Removal</title><definition>Taking out or off a device from a body part</definition></terms>
    </axis>
    <axis pos="5"><title>Approach</title>
      <terms><title>Open</title><definition>Cutting through the skin</definition></terms>
      <terms><title>Percutaneous</title><definition>Entry by puncture</definition></terms>
    </axis>
    <axis pos="6"><title>Device</title>
      <terms><title>Internal Fixation Device in Lower Bones</title><includes>Kirschner wire (K-wire)</includes></terms>
    </axis>
  </section>
</ICD10PCS.definitions>
"""

INDEX = """<?xml version="1.0" encoding="utf-8"?>
<ICD10PCS.index>
  <version>2025</version>
  <letter><title>R</title>
    <mainTerm><title>Removal of device from</title>
      <term level="1"><title>Sacrum</title><codes>0QP1</codes></term>
      <term level="1"><title>Femur</title><codes>0QPY</codes></term>
    </mainTerm>
  </letter>
</ICD10PCS.index>
"""


def write_cms(folder: Path, *, version: str = "2026", external: bool = True) -> dict[str, Path]:
    """Write tables, definitions and index files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "tables": folder / f"tables_{version}.xml",
        "definitions": folder / "definitions.xml",
        "index": folder / "index.xml",
    }
    files["tables"].write_text(
        TABLES.format(version=version, extra_row=EXTERNAL_ROW if external else ""), "utf-8"
    )
    files["definitions"].write_text(DEFINITIONS, "utf-8")
    files["index"].write_text(INDEX, "utf-8")
    return files


def order_line(number: int, code: str, flag: str, short: str, long: str) -> str:
    """Return one line of an order file, in CMS's fixed-width layout."""
    return f"{number:05d} {code:<7} {flag} {short:<60} {long}"
