"""The compiled library: its SQLite schema, read-only access, the search index's stamp, edition differences."""
