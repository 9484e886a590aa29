"""Full-text search over a library (Whoosh): indexing, queries, snippets, facets."""
