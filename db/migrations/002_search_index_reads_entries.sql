-- 002: the search index reads its text from the entry table (external content) instead of
-- keeping a second copy of every title, body and otl: a 100,000-entry document is ~115 MB smaller,
-- and an import writes that much less. The store removes an entry's old text from the index
-- (FTS5's 'delete' command, with the old values) before or as the row changes.
DROP TABLE entry_fts;
CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, otl, content = 'entry', content_rowid = 'key', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO entry_fts(entry_fts) VALUES('rebuild');

-- item_key is only ever read by item (an item's names, its backlinks): keyed by (item, key) it
-- needs no second index, which imports built packed and edits then split. The columns are
-- declared in key order: SQLite 3.40's integrity check misreads NOT NULL columns of a WITHOUT
-- ROWID table declared in another order.
CREATE TABLE item_key_by_item(
  item TEXT NOT NULL,
  key  TEXT NOT NULL,
  PRIMARY KEY(item, key)
) WITHOUT ROWID;
INSERT INTO item_key_by_item(key, item) SELECT key, item FROM item_key;
DROP TABLE item_key;
ALTER TABLE item_key_by_item RENAME TO item_key;
