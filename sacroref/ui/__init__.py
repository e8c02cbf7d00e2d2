"""Thin widgets: the main window and its panels. Importing this package imports no Qt."""
