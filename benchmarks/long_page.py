"""Time to show a page holding a 10 MB note, against a bare text pane showing a plain page.

python benchmarks/long_page.py [--runs N]

Target: any valid page is shown (laid out and painted) within 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE_BYTES = 10_000_000


def write_long_note(folder: Path) -> Path:
    """Write a local content folder whose note on 0QP134Z is one 10 MB word."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.toml").write_text(
        'kind = "sources"\n[[sources]]\nid = "bench"\ntitle = "Benchmark"\nkind = "local"\n'
    )
    word = "A" * NOTE_BYTES
    (folder / "note.toml").write_text(
        f'kind = "notes"\nsource = "bench"\n[[notes]]\ncode = "0QP134Z"\n'
        f'title = "Long"\ntext = "{word}"\n'
    )
    return folder


def main() -> int:
    """Print the median time to show each page, and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from sacroref.core.content.loader import load_content
    from sacroref.core.document import to_html
    from sacroref.core.pages.nodes import code_document
    from sacroref.ui.detail_pane import DetailPane

    app = QApplication([])
    folder = write_long_note(Path(tempfile.mkdtemp()) / "long")
    long_catalog = load_content([folder]).catalog
    plain_page = to_html(code_document(load_content().catalog, "0QP134Z"))  # type: ignore[arg-type]
    pane = DetailPane()
    pane.resize(600, 680)
    pane.show()
    bare = QTextBrowser()
    bare.resize(600, 680)
    bare.show()
    bare_times, app_times = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        bare.setHtml(plain_page)
        bare.repaint()
        app.processEvents()
        bare_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        pane.show_document(code_document(long_catalog, "0QP134Z"), "0QP134Z", starred=False)
        pane.browser.viewport().repaint()
        app.processEvents()
        app_times.append(time.perf_counter() - started)
        pane.show_document(None, None, starred=False)
        bare.clear()
    bare_ms = statistics.median(bare_times) * 1000
    app_ms = statistics.median(app_times) * 1000
    print(f"long page: {NOTE_BYTES:,}-character note, {args.runs} runs (medians), offscreen")
    print(f"{'bare text pane, plain page (ms)':<48} {bare_ms:>8.1f}")
    print(f"{'sacroref detail pane, page with the note (ms)':<48} {app_ms:>8.1f}")
    print(f"{'ratio':<48} {app_ms / bare_ms:>8.2f}   target: under 100 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
