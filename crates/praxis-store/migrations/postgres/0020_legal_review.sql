-- Legislative review (PostgreSQL). Keep in step with ../sqlite/0020_legal_review.sql.
-- A review scores one country's law against one version of the checklist catalogue (the
-- catalogue itself is data shipped in praxis-programme, never stored here). Answers are an
-- append-only history: the current answer to a provision is its latest row.

CREATE TABLE legal_review (
    id                BIGSERIAL PRIMARY KEY,
    country           TEXT   NOT NULL,
    checklist_version BIGINT NOT NULL,
    title             TEXT   NOT NULL,
    status            TEXT   NOT NULL,
    owner_org_id      BIGINT NOT NULL REFERENCES organisation(id),
    created_by        BIGINT REFERENCES user_account(id),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (country, checklist_version)
);

-- Every answer ever given; assessed_on is the date of the assessment as people know it
-- (YYYY-MM-DD), answered_at when it was recorded.
CREATE TABLE legal_review_answer (
    id             BIGSERIAL PRIMARY KEY,
    review_id      BIGINT NOT NULL REFERENCES legal_review(id),
    provision      TEXT   NOT NULL,
    answer         TEXT   NOT NULL,
    citation       TEXT   NOT NULL DEFAULT '',
    link           TEXT   NOT NULL DEFAULT '',
    gap_note       TEXT   NOT NULL DEFAULT '',
    recommendation TEXT   NOT NULL DEFAULT '',
    stakeholders   TEXT   NOT NULL DEFAULT '',
    assessed_on    TEXT   NOT NULL,
    answered_by    BIGINT REFERENCES user_account(id),
    answered_at    BIGINT NOT NULL
);
CREATE INDEX legal_review_answer_review ON legal_review_answer(review_id, provision);
CREATE FUNCTION legal_review_answer_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the answers of a legal review are append-only';
END;
$$;
CREATE TRIGGER legal_review_answer_no_update BEFORE UPDATE ON legal_review_answer
    FOR EACH ROW EXECUTE FUNCTION legal_review_answer_append_only();
CREATE TRIGGER legal_review_answer_no_delete BEFORE DELETE ON legal_review_answer
    FOR EACH ROW EXECUTE FUNCTION legal_review_answer_append_only();
