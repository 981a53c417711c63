-- Financial-flow datasets (PostgreSQL). Keep in step with ../sqlite/0002_flows.sql.
-- A dataset is an investigative record owned by an organisation: the files as received (kept
-- unaltered, with their SHA-256) and the transactions read from them, normalised, as one
-- gzip-compressed CSV that the flows engine loads into its in-memory graph.

CREATE TABLE flow_dataset (
    id             BIGSERIAL PRIMARY KEY,
    owner_org_id   BIGINT NOT NULL REFERENCES organisation(id),
    name           TEXT   NOT NULL,
    format         TEXT   NOT NULL,
    created_by     BIGINT NOT NULL REFERENCES user_account(id),
    created_at     BIGINT NOT NULL,
    tx_count       BIGINT NOT NULL,
    account_count  BIGINT NOT NULL,
    first_at       BIGINT,
    last_at        BIGINT,
    currencies     TEXT   NOT NULL,
    skipped_rows   BIGINT NOT NULL,
    duplicates     BIGINT NOT NULL,
    normalised_gz  BYTEA  NOT NULL
);
CREATE INDEX flow_dataset_owner ON flow_dataset(owner_org_id);

CREATE TABLE flow_source (
    id          BIGSERIAL PRIMARY KEY,
    dataset_id  BIGINT NOT NULL REFERENCES flow_dataset(id),
    file_name   TEXT   NOT NULL,
    sha256      TEXT   NOT NULL,
    size_bytes  BIGINT NOT NULL,
    content     BYTEA  NOT NULL
);
CREATE INDEX flow_source_dataset ON flow_source(dataset_id);
