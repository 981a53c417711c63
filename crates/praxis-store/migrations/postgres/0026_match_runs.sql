-- Entity-resolution runs on uploaded lists, their proposed pairs, and analysts' judgements
-- (PostgreSQL). Keep in step with ../sqlite/0026_match_runs.sql.
--
-- A run deduplicates one CSV list or links two. Its input is kept as uploaded (the lists are
-- investigative records of the owning organisation) so that the run can be re-read and re-run.
-- Judgements belong to a collection (a name the analysts give to the lists they work on, such as
-- "FIA suspects"), not to a run: every later run on the same collection respects them.

CREATE TABLE match_run (
    id              BIGSERIAL PRIMARY KEY,
    owner_org_id    BIGINT NOT NULL REFERENCES organisation(id),
    created_by      BIGINT REFERENCES user_account(id),
    title           TEXT   NOT NULL,
    collection      TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    id_column       TEXT   NOT NULL,
    mapping         TEXT   NOT NULL,
    threshold_milli BIGINT NOT NULL,
    phone_region    TEXT   NOT NULL,
    left_csv        TEXT   NOT NULL,
    right_csv       TEXT,
    status          TEXT   NOT NULL,
    summary         TEXT   NOT NULL DEFAULT '{}',
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT
);

-- A proposed pair: scored above the run's floor, or confirmed by an analyst. explanation is the
-- engine's per-field explanation as JSON.
CREATE TABLE match_pair (
    id            BIGSERIAL PRIMARY KEY,
    run_id        BIGINT NOT NULL REFERENCES match_run(id),
    left_id       TEXT   NOT NULL,
    right_id      TEXT   NOT NULL,
    score_milli   BIGINT NOT NULL,
    is_match      BIGINT NOT NULL,
    cluster       TEXT   NOT NULL,
    explanation   TEXT   NOT NULL,
    UNIQUE (run_id, left_id, right_id)
);

CREATE TABLE match_judgement (
    id            BIGSERIAL PRIMARY KEY,
    owner_org_id  BIGINT NOT NULL REFERENCES organisation(id),
    collection    TEXT   NOT NULL,
    left_id       TEXT   NOT NULL,
    right_id      TEXT   NOT NULL,
    verdict       TEXT   NOT NULL,
    note          TEXT   NOT NULL DEFAULT '',
    judged_by     BIGINT REFERENCES user_account(id),
    judged_at     BIGINT NOT NULL,
    UNIQUE (owner_org_id, collection, left_id, right_id)
);
