-- Investigation entities of a case and the relations among them, FollowTheMoney-shaped, each
-- with its provenance (PostgreSQL). Keep in step with ../sqlite/0009_entities.sql.
-- properties: a JSON object of FollowTheMoney property names to lists of values.
-- source_kind: evidence (source_ref = the item's id), import (the file's name) or user.

CREATE TABLE case_entity (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    schema      TEXT   NOT NULL,
    caption     TEXT   NOT NULL,
    properties  TEXT   NOT NULL,
    source_kind TEXT   NOT NULL,
    source_ref  TEXT   NOT NULL DEFAULT '',
    created_by  BIGINT REFERENCES user_account(id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX case_entity_case ON case_entity(case_id);

CREATE TABLE case_relation (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    kind        TEXT   NOT NULL,
    from_id     BIGINT NOT NULL REFERENCES case_entity(id),
    to_id       BIGINT NOT NULL REFERENCES case_entity(id),
    properties  TEXT   NOT NULL,
    source_kind TEXT   NOT NULL,
    source_ref  TEXT   NOT NULL DEFAULT '',
    created_by  BIGINT REFERENCES user_account(id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX case_relation_case ON case_relation(case_id);
