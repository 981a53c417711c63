-- Watch-list screenings kept for review, with the analysts' judgements (SQLite). Keep in step
-- with ../postgres/0029_screening_runs.sql.
--
-- A screening run belongs to the organisation of the person who ran it and, when it screened a
-- case's people and organisations, names the case. The watch list itself is not kept: its name,
-- SHA-256 and entity count are. Queries from a case are kept by entity id only (shown through the
-- case); queries from an upload keep their id and the mapped values needed to show them again
-- (JSON). query_key says which query it is across runs: `entity:<id>` for a case's entity,
-- `csv:<id>:<sha256 of the mapped values>` for an uploaded row. Victims' and witnesses'
-- identities are protected fields of the case's persons, never entities: never screened here.
CREATE TABLE screening_run (
    id              INTEGER PRIMARY KEY,
    owner_org_id    BIGINT NOT NULL REFERENCES organisation(id),
    created_by      BIGINT REFERENCES user_account(id),
    case_id         BIGINT REFERENCES case_file(id),
    list_name       TEXT   NOT NULL,
    list_sha256     TEXT   NOT NULL,
    list_entities   BIGINT NOT NULL,
    queries         BIGINT NOT NULL,
    threshold_milli BIGINT NOT NULL,
    top_n           BIGINT NOT NULL,
    phone_region    TEXT   NOT NULL,
    summary         TEXT   NOT NULL DEFAULT '{}',
    created_at      BIGINT NOT NULL
);
CREATE INDEX screening_run_owner ON screening_run (owner_org_id, id);
CREATE INDEX screening_run_case ON screening_run (case_id);

-- One query of a run, in the order screened. entity_id: the case's entity; fields: JSON
-- [[role, value], …] of an uploaded query (empty for a case's entity).
CREATE TABLE screening_query (
    id              INTEGER PRIMARY KEY,
    run_id          BIGINT NOT NULL REFERENCES screening_run(id),
    seq             BIGINT NOT NULL,
    query_id        TEXT   NOT NULL,
    query_key       TEXT   NOT NULL,
    entity_id       BIGINT,
    caption         TEXT   NOT NULL,
    line            BIGINT NOT NULL,
    screened        BIGINT NOT NULL,
    fields          TEXT   NOT NULL DEFAULT '[]',
    UNIQUE (run_id, query_id)
);

-- A ranked candidate of a query: the list entity, its score (thousandths), the engine's match
-- flag and its explanation (JSON, as the engine gives it).
CREATE TABLE screening_candidate (
    id              INTEGER PRIMARY KEY,
    query_row_id    BIGINT NOT NULL REFERENCES screening_query(id),
    rank_no         BIGINT NOT NULL,
    list_entity_id  TEXT   NOT NULL,
    entity_schema   TEXT   NOT NULL,
    caption         TEXT   NOT NULL,
    score_milli     BIGINT NOT NULL,
    is_match        BIGINT NOT NULL,
    explanation     TEXT   NOT NULL,
    UNIQUE (query_row_id, list_entity_id)
);

-- An analyst's verdict (`confirmed` or `rejected`) on a list entity for a query, kept for the
-- organisation: every later run of the same query against a list holding the same entity id
-- shows it. run_id: the run it was given on.
CREATE TABLE screening_judgement (
    id              INTEGER PRIMARY KEY,
    owner_org_id    BIGINT NOT NULL REFERENCES organisation(id),
    query_key       TEXT   NOT NULL,
    list_entity_id  TEXT   NOT NULL,
    verdict         TEXT   NOT NULL,
    note            TEXT   NOT NULL DEFAULT '',
    run_id          BIGINT NOT NULL REFERENCES screening_run(id),
    judged_by       BIGINT REFERENCES user_account(id),
    judged_at       BIGINT NOT NULL,
    UNIQUE (owner_org_id, query_key, list_entity_id)
);
