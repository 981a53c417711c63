-- Foundation schema (PostgreSQL). Keep in step with ../sqlite/0001_foundation.sql:
-- the schema-parity test compares tables and columns of both.
-- Conventions: times are BIGINT milliseconds since the Unix epoch (UTC); flags are BIGINT 0/1.

CREATE TABLE organisation (
    id                BIGSERIAL PRIMARY KEY,
    name              TEXT    NOT NULL UNIQUE,
    kind              TEXT    NOT NULL,
    jurisdiction      TEXT    NOT NULL,
    platform_operator BIGINT  NOT NULL DEFAULT 0,
    disabled          BIGINT  NOT NULL DEFAULT 0,
    created_at        BIGINT  NOT NULL
);

CREATE TABLE user_account (
    id            BIGSERIAL PRIMARY KEY,
    org_id        BIGINT  NOT NULL REFERENCES organisation(id),
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    email         TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    disabled      BIGINT  NOT NULL DEFAULT 0,
    locale        TEXT    NOT NULL DEFAULT 'en',
    totp_enabled  BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX user_account_org ON user_account(org_id);

CREATE TABLE user_role (
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    role    TEXT   NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_session (
    token_hash   TEXT   PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES user_account(id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    mfa_passed   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX user_session_user ON user_session(user_id);

CREATE TABLE api_token (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES user_account(id),
    name         TEXT   NOT NULL,
    token_hash   TEXT   NOT NULL UNIQUE,
    prefix       TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

CREATE TABLE recovery_code (
    id        BIGSERIAL PRIMARY KEY,
    user_id   BIGINT NOT NULL REFERENCES user_account(id),
    code_hash TEXT   NOT NULL,
    used_at   BIGINT
);

CREATE TABLE login_throttle (
    throttle_key     TEXT   PRIMARY KEY,
    failures         BIGINT NOT NULL,
    first_failure_at BIGINT NOT NULL,
    locked_until     BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE record_share (
    id              BIGSERIAL PRIMARY KEY,
    record_type     TEXT   NOT NULL,
    record_id       BIGINT NOT NULL,
    grantee_org_id  BIGINT REFERENCES organisation(id),
    grantee_user_id BIGINT REFERENCES user_account(id),
    scope           TEXT   NOT NULL,
    granted_by      BIGINT NOT NULL REFERENCES user_account(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX record_share_record ON record_share(record_type, record_id);

CREATE TABLE protected_value (
    id           BIGSERIAL PRIMARY KEY,
    record_type  TEXT   NOT NULL,
    record_id    BIGINT NOT NULL,
    field        TEXT   NOT NULL,
    jurisdiction TEXT   NOT NULL,
    key_id       TEXT   NOT NULL,
    nonce        BYTEA  NOT NULL,
    ciphertext   BYTEA  NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (record_type, record_id, field)
);

CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_user_id BIGINT,
    actor_org_id  BIGINT,
    action        TEXT   NOT NULL,
    object_type   TEXT   NOT NULL,
    object_id     TEXT   NOT NULL,
    outcome       TEXT   NOT NULL,
    detail        TEXT   NOT NULL,
    prev_hash     TEXT   NOT NULL,
    hash          TEXT   NOT NULL
);
CREATE INDEX audit_log_actor_org ON audit_log(actor_org_id);

-- The chain's head: one row, locked by every write transaction first so that writers queue
-- and the chain never forks.
CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT   NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: the application never updates or deletes audit rows. The hash chain detects
-- tampering by anyone who bypasses these triggers.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
