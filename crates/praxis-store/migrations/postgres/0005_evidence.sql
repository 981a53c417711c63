-- Evidence register, chain of custody and lines of inquiry (PostgreSQL). Keep in step with
-- ../sqlite/0005_evidence.sql. Evidence belongs to a case and shares its access.

-- Lines of inquiry: what the team is pursuing, by whom, with what result.
CREATE TABLE case_inquiry (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    kind        TEXT   NOT NULL,
    title       TEXT   NOT NULL,
    owner_id    BIGINT REFERENCES user_account(id),
    status      TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX case_inquiry_case ON case_inquiry(case_id);

CREATE TABLE case_evidence (
    id            BIGSERIAL PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES case_file(id),
    kind          TEXT   NOT NULL,
    description   TEXT   NOT NULL,
    source        TEXT   NOT NULL,
    obtained_on   TEXT   NOT NULL,
    legal_basis   TEXT   NOT NULL DEFAULT '',
    admissibility TEXT   NOT NULL,
    inquiry_id    BIGINT REFERENCES case_inquiry(id),
    created_by    BIGINT REFERENCES user_account(id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX case_evidence_case ON case_evidence(case_id);

-- What an item supports: a subject, an offence (one of the two per row).
CREATE TABLE evidence_support (
    evidence_id BIGINT NOT NULL REFERENCES case_evidence(id),
    subject_id  BIGINT REFERENCES case_subject(id),
    offence_id  BIGINT REFERENCES case_offence(id)
);
CREATE INDEX evidence_support_evidence ON evidence_support(evidence_id);

-- Attached files, as received: never updated, never deleted.
CREATE TABLE evidence_file (
    id           BIGSERIAL PRIMARY KEY,
    evidence_id  BIGINT NOT NULL REFERENCES case_evidence(id),
    file_name    TEXT   NOT NULL,
    sha256       TEXT   NOT NULL,
    size_bytes   BIGINT NOT NULL,
    content      BYTEA  NOT NULL,
    added_by     BIGINT REFERENCES user_account(id),
    added_at     BIGINT NOT NULL
);
CREATE INDEX evidence_file_evidence ON evidence_file(evidence_id);
CREATE FUNCTION evidence_file_no_update_refused() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence files are never altered';
END;
$$;
CREATE TRIGGER evidence_file_no_update BEFORE UPDATE ON evidence_file
    FOR EACH ROW EXECUTE FUNCTION evidence_file_no_update_refused();
CREATE FUNCTION evidence_file_no_delete_refused() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence files are never altered';
END;
$$;
CREATE TRIGGER evidence_file_no_delete BEFORE DELETE ON evidence_file
    FOR EACH ROW EXECUTE FUNCTION evidence_file_no_delete_refused();

-- The chain of custody: every transfer and every access, append-only.
CREATE TABLE custody_event (
    id           BIGSERIAL PRIMARY KEY,
    evidence_id  BIGINT NOT NULL REFERENCES case_evidence(id),
    action       TEXT   NOT NULL,
    from_party   TEXT   NOT NULL DEFAULT '',
    to_party     TEXT   NOT NULL DEFAULT '',
    note         TEXT   NOT NULL DEFAULT '',
    by_user      BIGINT REFERENCES user_account(id),
    at           BIGINT NOT NULL
);
CREATE INDEX custody_event_evidence ON custody_event(evidence_id);
CREATE FUNCTION custody_event_no_update_refused() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the chain of custody is append-only';
END;
$$;
CREATE TRIGGER custody_event_no_update BEFORE UPDATE ON custody_event
    FOR EACH ROW EXECUTE FUNCTION custody_event_no_update_refused();
CREATE FUNCTION custody_event_no_delete_refused() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the chain of custody is append-only';
END;
$$;
CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event
    FOR EACH ROW EXECUTE FUNCTION custody_event_no_delete_refused();
