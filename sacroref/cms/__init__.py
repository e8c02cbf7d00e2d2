"""CMS authoring tools: read CMS's files, import them as TOML, compare editions (command line only).

They use the content core, never the Qt models or widgets.
"""
