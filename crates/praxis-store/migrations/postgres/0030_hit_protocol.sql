-- The hit/no-hit protocol version an index was built under (PostgreSQL). Keep in step with
-- ../sqlite/0030_hit_protocol.sql. Values of two versions never match (the version is part of
-- every evaluated input and of the key derivation), so an index of an earlier version can no
-- longer be finalised, shared or compared: it must be built again. Indexes built before this
-- column existed were built under v1.
ALTER TABLE hit_index ADD COLUMN protocol TEXT NOT NULL DEFAULT 'praxis/hit-no-hit/v1';
