"""The content pipeline: a content/ folder in, a compiled library out. Knows nothing of Qt."""
