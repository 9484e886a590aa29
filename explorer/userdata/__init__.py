"""Per-user data (bookmarks, notes, reading position, searches) in its own SQLite file."""
