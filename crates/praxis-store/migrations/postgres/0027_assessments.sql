-- National TIP and SOM assessments (PostgreSQL). Keep in step with ../sqlite/0027_assessments.sql.
-- A national assessment of a partner country: trafficking in persons (tip) or smuggling of
-- migrants (som), the period it covers (YYYY-MM-DD, inclusive), the methods used
-- (space-separated codes of a closed vocabulary). Its access follows the partner country.
CREATE TABLE assessment (
    id            BIGSERIAL PRIMARY KEY,
    country_id    BIGINT NOT NULL REFERENCES partner_country(id),
    kind          TEXT   NOT NULL,
    title         TEXT   NOT NULL,
    period_start  TEXT   NOT NULL,
    period_end    TEXT   NOT NULL,
    methodology   TEXT   NOT NULL,
    created_by    BIGINT REFERENCES user_account(id),
    created_at    BIGINT NOT NULL
);
CREATE INDEX assessment_country ON assessment(country_id);

-- The status history (planned, in_progress, validated): append-only, oldest first; the current
-- status is the latest row.
CREATE TABLE assessment_status (
    id             BIGSERIAL PRIMARY KEY,
    assessment_id  BIGINT NOT NULL REFERENCES assessment(id),
    status         TEXT   NOT NULL,
    status_on      TEXT   NOT NULL,
    note           TEXT   NOT NULL DEFAULT '',
    recorded_by    BIGINT REFERENCES user_account(id),
    recorded_at    BIGINT NOT NULL
);
CREATE INDEX assessment_status_assessment ON assessment_status(assessment_id, id);

-- Key findings, each under a pillar code.
CREATE TABLE assessment_finding (
    id             BIGSERIAL PRIMARY KEY,
    assessment_id  BIGINT NOT NULL REFERENCES assessment(id),
    pillar         TEXT   NOT NULL,
    finding        TEXT   NOT NULL,
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);
CREATE INDEX assessment_finding_assessment ON assessment_finding(assessment_id);

-- Recommendations, with a priority (1 = highest, to 3) under a pillar code.
CREATE TABLE assessment_recommendation (
    id              BIGSERIAL PRIMARY KEY,
    assessment_id   BIGINT NOT NULL REFERENCES assessment(id),
    priority        BIGINT NOT NULL CHECK (priority BETWEEN 1 AND 3),
    pillar          TEXT   NOT NULL,
    recommendation  TEXT   NOT NULL,
    created_by      BIGINT REFERENCES user_account(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX assessment_recommendation_assessment ON assessment_recommendation(assessment_id);

-- The stakeholder analysis: the country's stakeholders consulted, with influence and interest
-- scored in this assessment (they may differ from the country's current scores).
CREATE TABLE assessment_stakeholder (
    id              BIGSERIAL PRIMARY KEY,
    assessment_id   BIGINT NOT NULL REFERENCES assessment(id),
    stakeholder_id  BIGINT NOT NULL REFERENCES engagement_stakeholder(id),
    influence       BIGINT NOT NULL CHECK (influence BETWEEN 1 AND 5),
    interest        BIGINT NOT NULL CHECK (interest BETWEEN 1 AND 5),
    note            TEXT   NOT NULL DEFAULT '',
    created_by      BIGINT REFERENCES user_account(id),
    created_at      BIGINT NOT NULL,
    UNIQUE (assessment_id, stakeholder_id)
);
CREATE TRIGGER assessment_status_no_update BEFORE UPDATE ON assessment_status
    FOR EACH ROW EXECUTE FUNCTION engagement_append_only();
CREATE TRIGGER assessment_status_no_delete BEFORE DELETE ON assessment_status
    FOR EACH ROW EXECUTE FUNCTION engagement_append_only();
