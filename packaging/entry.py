"""The frozen executable's entry point: Qt loads plugins from the bundle only."""

import os

# These would make Qt load plugins (code) from wherever they point; a locked-down build
# takes its plugins from its own folder. The platform choice (QT_QPA_PLATFORM) stays.
for _name in ("QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_PLATFORMTHEME"):
    os.environ.pop(_name, None)

from sacroref.cli import main  # noqa: E402

raise SystemExit(main())
