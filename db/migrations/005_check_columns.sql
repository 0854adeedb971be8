-- 005: the columns a full check reads of every entry and entity, kept apart from their texts in
-- covering indexes, so that Store::check_input reads these small rows alone and never a page of
-- a body, otl or notes (a 100,000-entry document: ~9 MB of index against ~128 MB of table).
-- SQLite itself keeps an index in step with its table on every write (edit, import, undo,
-- restore, rebuild); history records tables only, so no changeset changes. The rowid comes first
-- so that the index lists the rows in the table's own order.
CREATE INDEX entry_check ON entry(key, id, date, calendar, title, series_name, series_number, acknowledged, extra);
CREATE INDEX entity_check ON entity(key, id, name, kind, aliases, start, "end", calendar, acknowledged);
