"""The frozen executable's entry point."""

from sacroref.cli import main

raise SystemExit(main())
