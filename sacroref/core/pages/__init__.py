"""Pages: the documents the detail pane, `show` and the handouts show, built from the catalog."""
