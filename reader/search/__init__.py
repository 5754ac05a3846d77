"""Full-text search: per-character FTS5 index, query language, snippets (no Qt)."""
