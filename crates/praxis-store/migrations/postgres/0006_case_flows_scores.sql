-- Financial-flows datasets linked to cases, subjects' accounts, and each organisation's weights
-- for target and case selection (PostgreSQL). Keep in step with ../sqlite/0006_case_flows_scores.sql.

-- A dataset analysed for a case, with the accounts to trace from (comma-separated, may be empty).
CREATE TABLE case_dataset (
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    dataset_id  BIGINT NOT NULL REFERENCES flow_dataset(id),
    seeds       TEXT   NOT NULL DEFAULT '',
    linked_by   BIGINT REFERENCES user_account(id),
    linked_at   BIGINT NOT NULL,
    PRIMARY KEY (case_id, dataset_id)
);

-- The accounts a subject holds or controls (comma-separated identifiers as in the datasets).
ALTER TABLE case_subject ADD COLUMN accounts TEXT NOT NULL DEFAULT '';

-- Weights of the parts of a target or case score, per organisation (JSON object).
CREATE TABLE score_weights (
    org_id      BIGINT PRIMARY KEY REFERENCES organisation(id),
    weights     TEXT   NOT NULL,
    updated_by  BIGINT REFERENCES user_account(id),
    updated_at  BIGINT NOT NULL
);
