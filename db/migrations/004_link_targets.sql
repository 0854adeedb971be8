-- 004: every link row also keeps its target as written and its place among its item's links
-- (from 0; an entry's body, otl, notes, each in text order), so that a full check reads an item's
-- links here instead of reading and parsing its texts again. The store derives the rows anew right
-- after this migration (store/link_rows.cpp), as `uchronia rebuild` does: SQL cannot parse links.
ALTER TABLE link ADD COLUMN target TEXT NOT NULL DEFAULT '';
ALTER TABLE link ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;
-- The check reads every item's links in order from this index alone (no table lookups).
DROP INDEX link_src;
CREATE INDEX link_src ON link(src, ord, field, target);
