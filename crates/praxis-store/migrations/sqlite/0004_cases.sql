-- Cases (SQLite). Keep in step with ../postgres/0004_cases.sql.
-- A case is an investigative record owned by an organisation. The identities of its victims and
-- smuggled migrants are never stored here: case_person holds a pseudonym and the figures needed
-- for disaggregation; names and other identifying details are protected values
-- (protected_value, record_type 'case_person'), readable only by the case team.

CREATE TABLE case_file (
    id            INTEGER PRIMARY KEY,
    owner_org_id  BIGINT NOT NULL REFERENCES organisation(id),
    reference     TEXT   NOT NULL,
    title         TEXT   NOT NULL,
    crime_type    TEXT   NOT NULL,
    stage         TEXT   NOT NULL,
    summary       TEXT   NOT NULL DEFAULT '',
    created_by    BIGINT REFERENCES user_account(id),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (owner_org_id, reference)
);
CREATE INDEX case_file_owner ON case_file(owner_org_id);

CREATE TABLE case_jurisdiction (
    case_id      BIGINT NOT NULL REFERENCES case_file(id),
    jurisdiction TEXT   NOT NULL,
    PRIMARY KEY (case_id, jurisdiction)
);

-- Every stage the case has been in, the first one included.
CREATE TABLE case_stage_change (
    id          INTEGER PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    stage       TEXT   NOT NULL,
    note        TEXT   NOT NULL DEFAULT '',
    changed_by  BIGINT REFERENCES user_account(id),
    changed_at  BIGINT NOT NULL
);
CREATE INDEX case_stage_change_case ON case_stage_change(case_id);

CREATE TABLE case_offence (
    id           INTEGER PRIMARY KEY,
    case_id      BIGINT NOT NULL REFERENCES case_file(id),
    offence      TEXT   NOT NULL,
    provision    TEXT   NOT NULL,
    jurisdiction TEXT   NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX case_offence_case ON case_offence(case_id);

CREATE TABLE case_subject (
    id           INTEGER PRIMARY KEY,
    case_id      BIGINT NOT NULL REFERENCES case_file(id),
    name         TEXT   NOT NULL,
    aliases      TEXT   NOT NULL DEFAULT '',
    network_role TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    nationality  TEXT   NOT NULL DEFAULT '',
    notes        TEXT   NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX case_subject_case ON case_subject(case_id);

-- Victims and smuggled migrants: pseudonym and non-identifying figures only.
CREATE TABLE case_person (
    id           INTEGER PRIMARY KEY,
    case_id      BIGINT NOT NULL REFERENCES case_file(id),
    kind         TEXT   NOT NULL,
    pseudonym    TEXT   NOT NULL,
    sex          TEXT   NOT NULL,
    age_band     TEXT   NOT NULL,
    nationality  TEXT   NOT NULL DEFAULT '',
    exploitation TEXT   NOT NULL DEFAULT '',
    violence     BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL,
    UNIQUE (case_id, pseudonym)
);
CREATE INDEX case_person_case ON case_person(case_id);

-- The case team: the people with a need to know the protected identities.
CREATE TABLE case_member (
    case_id   BIGINT NOT NULL REFERENCES case_file(id),
    user_id   BIGINT NOT NULL REFERENCES user_account(id),
    added_by  BIGINT REFERENCES user_account(id),
    added_at  BIGINT NOT NULL,
    PRIMARY KEY (case_id, user_id)
);

-- The timeline: dated events (the date as YYYY-MM-DD, as people know it).
CREATE TABLE case_event (
    id          INTEGER PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    occurred_on TEXT   NOT NULL,
    title       TEXT   NOT NULL,
    detail      TEXT   NOT NULL DEFAULT '',
    created_by  BIGINT REFERENCES user_account(id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX case_event_case ON case_event(case_id);
