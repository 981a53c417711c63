-- Cooperation requests between jurisdictions and the directory of competent authorities and
-- focal points (SQLite). Keep in step with ../postgres/0007_cooperation.sql.

-- Competent authorities and focal points per country, with their communication protocol.
CREATE TABLE authority (
    id                     INTEGER PRIMARY KEY,
    country                TEXT   NOT NULL,
    name                   TEXT   NOT NULL,
    kind                   TEXT   NOT NULL,
    org_id                 BIGINT REFERENCES organisation(id),
    contact                TEXT   NOT NULL DEFAULT '',
    channel                TEXT   NOT NULL DEFAULT '',
    languages              TEXT   NOT NULL DEFAULT '',
    expected_response_days BIGINT,
    notes                  TEXT   NOT NULL DEFAULT '',
    updated_by             BIGINT REFERENCES user_account(id),
    updated_at             BIGINT NOT NULL
);
CREATE INDEX authority_country ON authority(country);

-- A request from the requesting organisation (its owner) to an authority of another country;
-- when the requested authority works on Praxis (requested_org_id), it sees the request and moves
-- its own steps.
CREATE TABLE coop_request (
    id                   INTEGER PRIMARY KEY,
    owner_org_id         BIGINT NOT NULL REFERENCES organisation(id),
    case_id              BIGINT REFERENCES case_file(id),
    kind                 TEXT   NOT NULL,
    reference            TEXT   NOT NULL,
    requesting_authority TEXT   NOT NULL,
    requested_country    TEXT   NOT NULL,
    requested_authority  TEXT   NOT NULL,
    requested_org_id     BIGINT REFERENCES organisation(id),
    legal_basis          TEXT   NOT NULL,
    subject_matter       TEXT   NOT NULL,
    status               TEXT   NOT NULL,
    sent_on              TEXT,
    deadline             TEXT,
    created_by           BIGINT REFERENCES user_account(id),
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX coop_request_owner ON coop_request(owner_org_id);
CREATE INDEX coop_request_case ON coop_request(case_id);

CREATE TABLE coop_status_change (
    id          INTEGER PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES coop_request(id),
    status      TEXT   NOT NULL,
    note        TEXT   NOT NULL DEFAULT '',
    changed_by  BIGINT REFERENCES user_account(id),
    changed_at  BIGINT NOT NULL
);
CREATE INDEX coop_status_change_request ON coop_status_change(request_id);

-- Documents sent with or received for a request, kept as received.
CREATE TABLE coop_document (
    id          INTEGER PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES coop_request(id),
    file_name   TEXT   NOT NULL,
    sha256      TEXT   NOT NULL,
    size_bytes  BIGINT NOT NULL,
    content     BLOB   NOT NULL,
    added_by    BIGINT REFERENCES user_account(id),
    added_at    BIGINT NOT NULL
);
CREATE INDEX coop_document_request ON coop_document(request_id);
