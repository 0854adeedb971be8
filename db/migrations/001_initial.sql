-- 001: the first schema of a Uchronia document.
-- Source tables (recorded in history by the session extension): doc_meta, entry, entity, relation.
-- History tables (append-only, never recorded): revision, revision_item, undo_stack, redo_stack.
-- Derived tables (rebuilt from the source tables by `uchronia rebuild`): item_key, link, entry_fts.

CREATE TABLE doc_meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE entry(
  key           INTEGER PRIMARY KEY,        -- row key used by history; kept by undo/restore
  id            TEXT NOT NULL UNIQUE,
  date          TEXT NOT NULL DEFAULT '',   -- EDTF as written
  calendar      TEXT NOT NULL DEFAULT 'gregorian',
  lower         INTEGER NOT NULL,           -- sort key (day numbers); undated: a high sentinel
  upper         INTEGER NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL DEFAULT '',
  tags          TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  otl           TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  series_name   TEXT,
  series_number INTEGER,
  acknowledged  TEXT NOT NULL DEFAULT '[]', -- JSON array of {rule, reason}
  extra         TEXT NOT NULL DEFAULT '',   -- unknown JSON fields, kept for export
  version       INTEGER NOT NULL DEFAULT 1  -- bumped by every write: stale writes are refused
);
CREATE INDEX entry_order ON entry(lower, upper, id);

CREATE TABLE entity(
  key          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  aliases      TEXT NOT NULL DEFAULT '[]',
  start        TEXT NOT NULL DEFAULT '',
  "end"        TEXT NOT NULL DEFAULT '',
  calendar     TEXT NOT NULL DEFAULT 'gregorian',
  notes        TEXT NOT NULL DEFAULT '',
  acknowledged TEXT NOT NULL DEFAULT '[]',
  extra        TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE relation(
  key     INTEGER PRIMARY KEY,
  from_id TEXT NOT NULL,
  type    TEXT NOT NULL,
  to_id   TEXT NOT NULL,
  extra   TEXT NOT NULL DEFAULT '',
  UNIQUE(from_id, type, to_id)
);

CREATE TABLE revision(
  seq       INTEGER PRIMARY KEY,
  time      TEXT NOT NULL,                  -- UTC, ISO 8601
  author    TEXT NOT NULL,
  summary   TEXT NOT NULL,
  kind      TEXT NOT NULL,                  -- edit, import, undo, redo, restore
  target    INTEGER,                        -- for undo/redo: the revision acted on
  changeset BLOB NOT NULL
);
CREATE TABLE revision_item(
  item   TEXT NOT NULL,                     -- entry or entity id
  seq    INTEGER NOT NULL,
  op     TEXT NOT NULL,                     -- created, changed, deleted
  tbl    TEXT NOT NULL,                     -- entry or entity
  rowkey INTEGER NOT NULL,
  PRIMARY KEY(item, seq)
) WITHOUT ROWID;
CREATE INDEX revision_item_seq ON revision_item(seq);
CREATE TABLE undo_stack(pos INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE redo_stack(pos INTEGER PRIMARY KEY, seq INTEGER NOT NULL);

CREATE TABLE item_key(                      -- folded id/name/alias/title -> item, for links
  key  TEXT NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY(key, item)
) WITHOUT ROWID;
CREATE INDEX item_key_item ON item_key(item);
CREATE TABLE link(                          -- every [[link]] in a text field, by folded target
  src        TEXT NOT NULL,
  field      TEXT NOT NULL,
  target_key TEXT NOT NULL
);
CREATE INDEX link_src ON link(src);
CREATE INDEX link_target ON link(target_key);
CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, otl, tokenize = 'unicode61 remove_diacritics 2');
