"""Thin widgets: the main window and its panels."""
