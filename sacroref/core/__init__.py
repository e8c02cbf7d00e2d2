"""The Qt-free content core: data model, TOML loader, validation, search and rendering."""
