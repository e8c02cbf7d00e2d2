"""Benchmarks: sacroref against a bare PySide6 window, measured in the same run."""
