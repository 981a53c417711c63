-- Partner countries and engagement (PostgreSQL). Keep in step with ../sqlite/0022_engagement.sql.
-- A partner country of the programme: one row per country, owned by the organisation that
-- opened it (its programme officers write, with the country's focal points). modality is a code
-- of a closed vocabulary; protocol is the country's communication protocol (channels, languages,
-- who must be copied), as text.
CREATE TABLE partner_country (
    id            BIGSERIAL PRIMARY KEY,
    country       TEXT   NOT NULL UNIQUE,
    modality      TEXT   NOT NULL,
    protocol      TEXT   NOT NULL DEFAULT '',
    owner_org_id  BIGINT NOT NULL REFERENCES organisation(id),
    created_by    BIGINT REFERENCES user_account(id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- The engagement stage history (consultation, partnership, ownership): append-only, oldest
-- first; evidence is one item per line; note says why when a stage goes back.
CREATE TABLE engagement_step (
    id           BIGSERIAL PRIMARY KEY,
    country_id   BIGINT NOT NULL REFERENCES partner_country(id),
    stage        TEXT   NOT NULL,
    step_on      TEXT   NOT NULL,
    evidence     TEXT   NOT NULL,
    note         TEXT   NOT NULL DEFAULT '',
    recorded_by  BIGINT REFERENCES user_account(id),
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX engagement_step_country ON engagement_step(country_id, id);

-- Focal points nominated by the country; user_id when the focal point is also a Praxis user.
CREATE TABLE focal_point (
    id               BIGSERIAL PRIMARY KEY,
    country_id       BIGINT NOT NULL REFERENCES partner_country(id),
    person           TEXT   NOT NULL,
    institution      TEXT   NOT NULL,
    role             TEXT   NOT NULL,
    nominated_on     TEXT   NOT NULL,
    contact_protocol TEXT   NOT NULL DEFAULT '',
    user_id          BIGINT REFERENCES user_account(id),
    created_by       BIGINT REFERENCES user_account(id),
    created_at       BIGINT NOT NULL
);
CREATE INDEX focal_point_country ON focal_point(country_id);

-- Stakeholders at both prongs (the permanent mission in Vienna; capitals at high and technical
-- level), with influence and interest 1 to 5 for the stakeholder analysis grid.
CREATE TABLE engagement_stakeholder (
    id           BIGSERIAL PRIMARY KEY,
    country_id   BIGINT NOT NULL REFERENCES partner_country(id),
    name         TEXT   NOT NULL,
    institution  TEXT   NOT NULL DEFAULT '',
    prong        TEXT   NOT NULL,
    influence    BIGINT NOT NULL CHECK (influence BETWEEN 1 AND 5),
    interest     BIGINT NOT NULL CHECK (interest BETWEEN 1 AND 5),
    note         TEXT   NOT NULL DEFAULT '',
    created_by   BIGINT REFERENCES user_account(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX engagement_stakeholder_country ON engagement_stakeholder(country_id);

-- The engagement log: meetings and decisions, dated, who took part, what was decided.
-- (Missions are listed in the log from their own table.)
CREATE TABLE engagement_log (
    id           BIGSERIAL PRIMARY KEY,
    country_id   BIGINT NOT NULL REFERENCES partner_country(id),
    kind         TEXT   NOT NULL,
    occurred_on  TEXT   NOT NULL,
    who          TEXT   NOT NULL,
    summary      TEXT   NOT NULL,
    decided      TEXT   NOT NULL DEFAULT '',
    created_by   BIGINT REFERENCES user_account(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX engagement_log_country ON engagement_log(country_id, occurred_on);

-- Consultative missions: dates, place (in the capital or not), stakeholder groups met
-- (space-separated codes of a closed vocabulary), findings.
CREATE TABLE consultative_mission (
    id           BIGSERIAL PRIMARY KEY,
    country_id   BIGINT NOT NULL REFERENCES partner_country(id),
    title        TEXT   NOT NULL,
    start_on     TEXT   NOT NULL,
    end_on       TEXT   NOT NULL,
    place        TEXT   NOT NULL,
    in_capital   BIGINT NOT NULL,
    groups_met   TEXT   NOT NULL,
    findings     TEXT   NOT NULL DEFAULT '',
    created_by   BIGINT REFERENCES user_account(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX consultative_mission_country ON consultative_mission(country_id, start_on);

-- The needs a mission found, prioritised (1 = highest) under a pillar; activity_id once the
-- need was turned into a workplan activity (set once).
CREATE TABLE mission_need (
    id           BIGSERIAL PRIMARY KEY,
    mission_id   BIGINT NOT NULL REFERENCES consultative_mission(id),
    priority     BIGINT NOT NULL,
    pillar       TEXT   NOT NULL,
    need         TEXT   NOT NULL,
    activity_id  BIGINT REFERENCES programme_activity(id),
    created_by   BIGINT REFERENCES user_account(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX mission_need_mission ON mission_need(mission_id);
CREATE INDEX mission_need_activity ON mission_need(activity_id);

-- Ownership indicators (national budget line, institutionalised curricula, national trainers,
-- national hosting of Praxis): an append-only history of dated statuses with their evidence;
-- the current status of a criterion is its latest row.
CREATE TABLE ownership_status (
    id           BIGSERIAL PRIMARY KEY,
    country_id   BIGINT NOT NULL REFERENCES partner_country(id),
    criterion    TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    status_on    TEXT   NOT NULL,
    evidence     TEXT   NOT NULL DEFAULT '',
    recorded_by  BIGINT REFERENCES user_account(id),
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX ownership_status_country ON ownership_status(country_id, criterion, id);
CREATE FUNCTION engagement_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the % history is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER engagement_step_no_update BEFORE UPDATE ON engagement_step
    FOR EACH ROW EXECUTE FUNCTION engagement_append_only();
CREATE TRIGGER engagement_step_no_delete BEFORE DELETE ON engagement_step
    FOR EACH ROW EXECUTE FUNCTION engagement_append_only();
CREATE TRIGGER ownership_status_no_update BEFORE UPDATE ON ownership_status
    FOR EACH ROW EXECUTE FUNCTION engagement_append_only();
CREATE TRIGGER ownership_status_no_delete BEFORE DELETE ON ownership_status
    FOR EACH ROW EXECUTE FUNCTION engagement_append_only();
