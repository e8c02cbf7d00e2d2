"""Entry point for ``python -m sacroref``."""

from sacroref.cli import main

raise SystemExit(main())
