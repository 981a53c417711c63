-- Workplans, activity locations, trainings, mentoring and the mainstreaming checklist (SQLite).
-- Keep in step with ../postgres/0023_workplans.sql. Dates are text YYYY-MM-DD; flags are 0/1.

-- A workplan groups the activities of a country (country NULL: the region) for a period
-- [start_on, end_on).
CREATE TABLE workplan (
    id             INTEGER PRIMARY KEY,
    country        TEXT,
    title          TEXT   NOT NULL,
    start_on       TEXT   NOT NULL,
    end_on         TEXT   NOT NULL,
    owner_org_id   BIGINT NOT NULL REFERENCES organisation(id),
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);

-- The programme activity of 0021 becomes a workplan activity: the theory-of-change output it
-- delivers (node id as text, e.g. O3.1), the responsible organisation and where it happens.
-- capital NULL: the location is not recorded (left out of the "outside capitals" share).
ALTER TABLE programme_activity ADD COLUMN workplan_id BIGINT REFERENCES workplan(id);
ALTER TABLE programme_activity ADD COLUMN toc_output TEXT NOT NULL DEFAULT '';
ALTER TABLE programme_activity ADD COLUMN responsible_org TEXT NOT NULL DEFAULT '';
ALTER TABLE programme_activity ADD COLUMN area TEXT;
ALTER TABLE programme_activity ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE programme_activity ADD COLUMN capital BIGINT;
ALTER TABLE programme_activity ADD COLUMN conflict_affected BIGINT NOT NULL DEFAULT 0;

-- A training event of an activity. last_day is the last day of the training (inclusive).
CREATE TABLE training (
    id             INTEGER PRIMARY KEY,
    activity_id    BIGINT NOT NULL REFERENCES programme_activity(id),
    title          TEXT   NOT NULL,
    start_on       TEXT   NOT NULL,
    last_day       TEXT   NOT NULL,
    place          TEXT   NOT NULL,
    area           TEXT,
    capital        BIGINT NOT NULL,
    modality       TEXT   NOT NULL,
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);

-- A participant; the name is optional. Scores are percentages 0-100.
CREATE TABLE training_participant (
    id             INTEGER PRIMARY KEY,
    training_id    BIGINT NOT NULL REFERENCES training(id),
    name           TEXT   NOT NULL DEFAULT '',
    sex            TEXT   NOT NULL,
    age_band       TEXT   NOT NULL,
    institution    TEXT   NOT NULL,
    sector         TEXT   NOT NULL,
    role           TEXT   NOT NULL DEFAULT '',
    area           TEXT,
    pre_score      BIGINT,
    post_score     BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX training_participant_training ON training_participant(training_id);

CREATE TABLE training_trainer (
    id              INTEGER PRIMARY KEY,
    training_id     BIGINT NOT NULL REFERENCES training(id),
    name            TEXT   NOT NULL,
    sex             TEXT   NOT NULL,
    institution     TEXT   NOT NULL,
    national_expert BIGINT NOT NULL,
    created_at      BIGINT NOT NULL
);

-- Follow-up at the job: Kirkpatrick level 3 (behaviour) or 4 (results), dated, for one
-- participant (participant_id) or for the event (NULL).
CREATE TABLE training_followup (
    id             INTEGER PRIMARY KEY,
    training_id    BIGINT NOT NULL REFERENCES training(id),
    participant_id BIGINT REFERENCES training_participant(id),
    level          BIGINT NOT NULL,
    observed_on    TEXT   NOT NULL,
    note           TEXT   NOT NULL,
    recorded_by    BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);

-- A mentoring relationship. country NULL: regional.
CREATE TABLE mentoring (
    id             INTEGER PRIMARY KEY,
    mentor         TEXT   NOT NULL,
    mentee         TEXT   NOT NULL,
    institution    TEXT   NOT NULL,
    country        TEXT,
    start_on       TEXT   NOT NULL,
    end_on         TEXT,
    notes          TEXT   NOT NULL DEFAULT '',
    owner_org_id   BIGINT NOT NULL REFERENCES organisation(id),
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);

-- The gender and human-rights checklist: one row per version, one question per line. A
-- version is never changed; editing publishes the next one.
CREATE TABLE mainstreaming_checklist (
    id             INTEGER PRIMARY KEY,
    version        BIGINT NOT NULL UNIQUE,
    questions      TEXT   NOT NULL,
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);

-- Answers per activity, append-only: the latest per (activity, version, question) counts.
CREATE TABLE mainstreaming_answer (
    id             INTEGER PRIMARY KEY,
    activity_id    BIGINT NOT NULL REFERENCES programme_activity(id),
    version        BIGINT NOT NULL,
    question       BIGINT NOT NULL,
    answer         TEXT   NOT NULL,
    note           TEXT   NOT NULL DEFAULT '',
    answered_by    BIGINT REFERENCES user_account(id),
    answered_at    BIGINT NOT NULL
);
CREATE INDEX mainstreaming_answer_activity ON mainstreaming_answer(activity_id);
