"""Take screenshots of the real window on a virtual X display (Xvfb), for review and the README.

    python3 scripts/dev.py run ... is not needed; run with the project's environment:
    .venv/bin/python scripts/screenshots.py [OUT_DIR]

Installs Xvfb and Qt's X libraries when they are missing (needs root), as dev.py does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENES: dict[str, dict[str, Any]] = {
    "main-light": {"theme": "light", "code": "0QP134Z"},
    "main-dark": {"theme": "dark", "code": "0201T"},
    "cpt": {"theme": "light", "code": "0201T"},
    "cpt-patient": {"theme": "light", "code": "0201T", "anchor": "risks"},
    "decision-card": {
        "theme": "light",
        "code": "0QU13JZ",
        "anchor": "card-supplement-replacement-cement",
    },
    "search": {"theme": "light", "search": "k-wire"},
    "no-match": {"theme": "light", "search": "0QP1Y"},
    "table": {"theme": "light", "key": "pcs/0QP1"},
    "code-strip": {"theme": "light", "search": "0QP1XJZ"},
    "start": {"theme": "light"},
    "compact": {"theme": "light", "compact": True, "search": "hardware removal", "code": "0QP134Z"},
    "tour": {"theme": "light", "tour_steps": 4},
    "quiz": {"theme": "light", "quiz_answer": "0QP135Z"},
    "presenter": {"theme": "light", "presenter": True, "code": "0QP134Z"},
    "presenter-tour": {"theme": "light", "presenter": True, "tour_steps": 2},
}
# With SACROREF_SCREENSHOT_CONTENT=DIR (an `import-pcs` folder), two more scenes on it.
OTHER_CONTENT = os.environ.get("SACROREF_SCREENSHOT_CONTENT", "")
if OTHER_CONTENT:
    SCENES["other-content"] = {"theme": "light", "content": OTHER_CONTENT, "code": "0QP134Z"}
    SCENES["other-content-start"] = {"theme": "light", "content": OTHER_CONTENT}


def ensure_xvfb() -> None:
    """Install the virtual display and Qt's X libraries when missing (sacroref/system.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from dev import PURPOSES, install_system_packages

    from sacroref.system import missing

    install_system_packages(missing(PURPOSES["test"]))


def shoot(scene: str, out: Path) -> None:
    """Run one scene in a child process on the current DISPLAY."""
    subprocess.run([sys.executable, __file__, "--scene", scene, str(out)], check=True)


def run_scene(name: str, out: Path) -> None:
    """Open the window, set up a scene, and grab the screen."""
    from PySide6.QtCore import QTimer

    from sacroref.ui.settings import Settings
    from sacroref.ui.startup import create_application, create_window

    scene = SCENES[name]
    app = create_application()
    content = [Path(str(scene["content"]))] if "content" in scene else []
    window = create_window(content, Settings.in_memory())  # as the app starts
    window.view.set_theme(str(scene["theme"]))
    window.resize(1100, 720)
    window.move(0, 0)
    window.show()

    def arrange() -> None:
        if scene.get("compact"):
            window.action("compactAction").setChecked(True)
        if "search" in scene:
            window.tree_panel.search_box.setText(str(scene["search"]))
        if "code" in scene:
            window.go_to_code(str(scene["code"]))
        if "key" in scene:
            window.tree_panel.select_key(str(scene["key"]))
        if "anchor" in scene:
            window.detail.go_to(str(scene["anchor"]))
        if "tour_steps" in scene:
            window.start_tour()
            for _ in range(int(scene["tour_steps"])):
                assert window.tour is not None
                window.tour.next()
        if "quiz_answer" in scene:
            window.show_quiz()
            assert window.quiz_panel is not None
            window.quiz_panel.answer_box.setText(str(scene["quiz_answer"]))
            window.quiz_panel.check()
        if scene.get("presenter"):
            window.view.set_presenter(True)

    def grab() -> None:
        screen = app.primaryScreen()
        geometry = window.frameGeometry()
        screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height()).save(
            str(out / f"{name}.png")
        )
        app.quit()

    QTimer.singleShot(300, arrange)
    QTimer.singleShot(1500, grab)
    app.exec()


def main() -> int:
    """Start Xvfb, take every scene, stop Xvfb."""
    if len(sys.argv) > 2 and sys.argv[1] == "--scene":
        run_scene(sys.argv[2], Path(sys.argv[3]))
        return 0
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    ensure_xvfb()
    display = ":97"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        for scene in SCENES:
            shoot(scene, out)
            print(f"screenshots: {out / scene}.png")
    finally:
        server.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
