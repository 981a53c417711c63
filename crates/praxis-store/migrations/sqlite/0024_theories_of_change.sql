-- Theories of change (SQLite). Keep in step with ../postgres/0024_theories_of_change.sql.
-- A theory of change (national: country set; regional: region set) has numbered versions. A
-- version is a draft (or returned) while it is edited, in_review once submitted, approved when an
-- approver accepts it; an approved version is never changed (the application refuses, and every
-- statement that changes nodes or links is conditional on the version being editable). Node ids
-- (`O3.1`) are stable across versions: they are what workplans and indicators refer to.

CREATE TABLE toc (
    id             INTEGER PRIMARY KEY,
    title          TEXT   NOT NULL,
    country        TEXT,
    region         TEXT,
    owner_org_id   BIGINT NOT NULL REFERENCES organisation(id),
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

CREATE TABLE toc_version (
    id             INTEGER PRIMARY KEY,
    toc_id         BIGINT NOT NULL REFERENCES toc(id),
    version        BIGINT NOT NULL,
    status         TEXT   NOT NULL,
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL,
    submitted_by   BIGINT REFERENCES user_account(id),
    submitted_at   BIGINT,
    decided_by     BIGINT REFERENCES user_account(id),
    decided_at     BIGINT,
    UNIQUE (toc_id, version)
);

CREATE TABLE toc_node (
    id             INTEGER PRIMARY KEY,
    version_id     BIGINT NOT NULL REFERENCES toc_version(id),
    node_key       TEXT   NOT NULL,
    level          TEXT   NOT NULL,
    title          TEXT   NOT NULL,
    description    TEXT   NOT NULL DEFAULT '',
    tags           TEXT   NOT NULL DEFAULT '',
    UNIQUE (version_id, node_key)
);

-- assumptions and risks: one per line.
CREATE TABLE toc_link (
    id             INTEGER PRIMARY KEY,
    version_id     BIGINT NOT NULL REFERENCES toc_version(id),
    from_key       TEXT   NOT NULL,
    to_key         TEXT   NOT NULL,
    rationale      TEXT   NOT NULL,
    assumptions    TEXT   NOT NULL DEFAULT '',
    risks          TEXT   NOT NULL DEFAULT '',
    UNIQUE (version_id, from_key, to_key)
);

-- Reviewers' comments on a version, optionally on a node (node_key) or a link (from_key,
-- to_key). Append-only.
CREATE TABLE toc_comment (
    id             INTEGER PRIMARY KEY,
    version_id     BIGINT NOT NULL REFERENCES toc_version(id),
    node_key       TEXT,
    from_key       TEXT,
    to_key         TEXT,
    body           TEXT   NOT NULL,
    author         BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);
CREATE INDEX toc_comment_version ON toc_comment(version_id);

-- The history: who changed what, when (every edit, submission, decision, comment). Append-only.
CREATE TABLE toc_event (
    id             INTEGER PRIMARY KEY,
    toc_id         BIGINT NOT NULL REFERENCES toc(id),
    version        BIGINT NOT NULL,
    action         TEXT   NOT NULL,
    target         TEXT   NOT NULL DEFAULT '',
    note           TEXT   NOT NULL DEFAULT '',
    actor          BIGINT REFERENCES user_account(id),
    acted_at       BIGINT NOT NULL
);
CREATE INDEX toc_event_toc ON toc_event(toc_id);
CREATE TRIGGER toc_comment_no_update BEFORE UPDATE ON toc_comment
BEGIN SELECT RAISE(ABORT, 'the comments of a theory of change are append-only'); END;
CREATE TRIGGER toc_comment_no_delete BEFORE DELETE ON toc_comment
BEGIN SELECT RAISE(ABORT, 'the comments of a theory of change are append-only'); END;
CREATE TRIGGER toc_event_no_update BEFORE UPDATE ON toc_event
BEGIN SELECT RAISE(ABORT, 'the history of a theory of change is append-only'); END;
CREATE TRIGGER toc_event_no_delete BEFORE DELETE ON toc_event
BEGIN SELECT RAISE(ABORT, 'the history of a theory of change is append-only'); END;
