-- Cross-border hit/no-hit on blind indexes (PostgreSQL). Keep in step with ../sqlite/0028_hit_no_hit.sql.
-- The protocol and its threat model: docs/hit-no-hit.md.

-- An organisation's blind index of one epoch, built from the selectors of the cases it owns.
-- status: `building` (its job blinds), `evaluating` (one click on a key-holding deployment),
-- `blinded` (the request is out to the key holder), `final` (index values known) or `failed`.
-- counts: JSON, entries per selector kind. request_sha256: the blinded request as downloaded.
CREATE TABLE hit_index (
    id              BIGSERIAL PRIMARY KEY,
    owner_org_id    BIGINT NOT NULL REFERENCES organisation(id),
    label           TEXT   NOT NULL,
    epoch           TEXT   NOT NULL,
    status          TEXT   NOT NULL,
    entries         BIGINT NOT NULL,
    counts          TEXT   NOT NULL DEFAULT '{}',
    request_sha256  TEXT   NOT NULL,
    created_by      BIGINT REFERENCES user_account(id),
    created_at      BIGINT NOT NULL,
    finalized_at    BIGINT
);

-- One selector of one record (a case entity or subject): the blinding state of the CLI's state
-- file (selector in clear, blinding scalar, blinded element) and, once finalised, the index
-- value. Never shown: the pages and the API give counts, not rows.
CREATE TABLE hit_index_entry (
    id           BIGSERIAL PRIMARY KEY,
    index_id     BIGINT NOT NULL REFERENCES hit_index(id),
    case_id      BIGINT NOT NULL REFERENCES case_file(id),
    record_kind  TEXT   NOT NULL,
    record_id    BIGINT NOT NULL,
    kind         TEXT   NOT NULL,
    selector     TEXT   NOT NULL,
    blind        TEXT   NOT NULL,
    blinded      TEXT   NOT NULL,
    value        TEXT,
    UNIQUE (index_id, blinded)
);
CREATE INDEX hit_index_entry_by_index ON hit_index_entry (index_id);

-- A peer's shared index, uploaded and compared with one of ours (its entries are not kept).
CREATE TABLE hit_peer_index (
    id            BIGSERIAL PRIMARY KEY,
    owner_org_id  BIGINT NOT NULL REFERENCES organisation(id),
    index_id      BIGINT NOT NULL REFERENCES hit_index(id),
    peer          TEXT   NOT NULL,
    epoch         TEXT   NOT NULL,
    entries       BIGINT NOT NULL,
    sha256        TEXT   NOT NULL,
    hits          BIGINT NOT NULL,
    uploaded_by   BIGINT REFERENCES user_account(id),
    uploaded_at   BIGINT NOT NULL
);

-- A hit: our record, the kind of selector, the holding organisation's label, nothing else.
CREATE TABLE hit (
    id             BIGSERIAL PRIMARY KEY,
    owner_org_id   BIGINT NOT NULL REFERENCES organisation(id),
    index_id       BIGINT NOT NULL REFERENCES hit_index(id),
    peer_index_id  BIGINT NOT NULL REFERENCES hit_peer_index(id),
    case_id        BIGINT NOT NULL REFERENCES case_file(id),
    record_kind    TEXT   NOT NULL,
    record_id      BIGINT NOT NULL,
    kind           TEXT   NOT NULL,
    held_by        TEXT   NOT NULL,
    epoch          TEXT   NOT NULL,
    found_at       BIGINT NOT NULL,
    request_id     BIGINT REFERENCES coop_request(id),
    UNIQUE (index_id, record_kind, record_id, kind, held_by)
);

-- The key holder's evaluation log (when this deployment is one): every request, evaluated or
-- refused. Quotas are counted on it.
CREATE TABLE hit_evaluation (
    id        BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    org_id    BIGINT NOT NULL REFERENCES organisation(id),
    user_id   BIGINT REFERENCES user_account(id),
    epoch     TEXT   NOT NULL,
    elements  BIGINT NOT NULL,
    outcome   TEXT   NOT NULL
);
CREATE INDEX hit_evaluation_by_org ON hit_evaluation (org_id, epoch);
