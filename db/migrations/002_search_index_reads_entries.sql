-- 002: the search index reads its text from the entry table (external content) instead of
-- keeping a second copy of every title, body and otl: a 100,000-entry document is ~115 MB smaller,
-- and an import writes that much less. The store removes an entry's old text from the index
-- (FTS5's 'delete' command, with the old values) before or as the row changes.
DROP TABLE entry_fts;
CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, otl, content = 'entry', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO entry_fts(entry_fts) VALUES('rebuild');
