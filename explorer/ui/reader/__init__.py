"""The reading page: chapters, the chapter tree, paragraph actions, notes, side by side."""
