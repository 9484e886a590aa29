"""Full-text search over a library (Whoosh): index.py writes the index, query.py turns what is
typed into queries, highlight.py decides which words a query marks (snippets and the reader),
engine.py searches."""
