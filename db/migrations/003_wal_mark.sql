-- 003: the document's mark, rewritten by every commit (WriteTransaction::commit), so that every
-- transaction in the document's write-ahead log carries it: 32 hex digits drawn when the mark is
-- made, ':', and the number of commits so far (16 digits). Opening a document whose -wal holds a
-- transaction without this document's mark, or only commits older than the file's own, refuses it
-- (wal_vetting.cpp): SQLite itself would replay any well-formed WAL of the same page size.
-- Not a source table: history does not record it, undo does not touch it.
CREATE TABLE wal_mark(
  id   INTEGER PRIMARY KEY CHECK(id = 1),
  mark TEXT NOT NULL
);
INSERT INTO wal_mark VALUES(1, lower(hex(randomblob(16))) || ':' || printf('%016d', 0));
