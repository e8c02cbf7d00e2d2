"""Content: per-kind schemas, the reader, the catalog builder and the (staged) loader."""
