-- Programme activities and indicators (PostgreSQL). Keep in step with ../sqlite/0021_indicators.sql.
-- Dates people know (start, end, period) are text YYYY-MM-DD; periods are half-open [start, end).
-- Values are exact thousandths (value_milli); money is exact minor units with an ISO 4217 code.

-- A programme activity, as small as IATI needs: what it is, where, when, its budget and tags.
-- country NULL: a regional activity.
CREATE TABLE programme_activity (
    id             BIGSERIAL PRIMARY KEY,
    identifier     TEXT   NOT NULL UNIQUE,
    reporting_org  TEXT   NOT NULL,
    title          TEXT   NOT NULL,
    description    TEXT   NOT NULL,
    country        TEXT,
    start_on       TEXT   NOT NULL,
    end_on         TEXT,
    status         TEXT   NOT NULL,
    budget_minor   BIGINT,
    currency       TEXT,
    tags           TEXT   NOT NULL DEFAULT '',
    owner_org_id   BIGINT NOT NULL REFERENCES organisation(id),
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL
);

-- A disaggregation category model: one row per version; spec is the canonical text of the
-- categories ("sex: female male unknown" per line). A version with stored values is never
-- changed (the application asks the engine, which refuses).
CREATE TABLE disaggregation_model (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT   NOT NULL,
    version        BIGINT NOT NULL,
    spec           TEXT   NOT NULL,
    owner_org_id   BIGINT NOT NULL REFERENCES organisation(id),
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    UNIQUE (name, version)
);

-- The indicator reference sheet. country NULL: a regional indicator. source: entered, or the
-- code of a live computation.
CREATE TABLE indicator (
    id                    BIGSERIAL PRIMARY KEY,
    code                  TEXT   NOT NULL UNIQUE,
    activity_id           BIGINT REFERENCES programme_activity(id),
    result_level          TEXT   NOT NULL,
    title                 TEXT   NOT NULL,
    definition            TEXT   NOT NULL,
    unit                  TEXT   NOT NULL,
    measure               TEXT   NOT NULL,
    direction             TEXT   NOT NULL,
    means_of_verification TEXT   NOT NULL,
    frequency             TEXT   NOT NULL,
    owner                 TEXT   NOT NULL,
    tags                  TEXT   NOT NULL DEFAULT '',
    country               TEXT,
    source                TEXT   NOT NULL,
    model_id              BIGINT REFERENCES disaggregation_model(id),
    baseline_on           TEXT   NOT NULL,
    baseline_milli        BIGINT,
    owner_org_id          BIGINT NOT NULL REFERENCES organisation(id),
    created_by            BIGINT REFERENCES user_account(id),
    created_at            BIGINT NOT NULL
);

-- A reporting period of an indicator with its (total) target.
CREATE TABLE indicator_period (
    id             BIGSERIAL PRIMARY KEY,
    indicator_id   BIGINT NOT NULL REFERENCES indicator(id),
    start_on       TEXT   NOT NULL,
    end_on         TEXT   NOT NULL,
    target_milli   BIGINT,
    target_comment TEXT   NOT NULL DEFAULT '',
    UNIQUE (indicator_id, start_on)
);

-- An actual for a period: the total (category_key '') or one disaggregated slice under the model
-- version model_id ("age_band=18-59 sex=female"). Its status is the replay of its steps.
CREATE TABLE indicator_actual (
    id             BIGSERIAL PRIMARY KEY,
    period_id      BIGINT NOT NULL REFERENCES indicator_period(id),
    model_id       BIGINT REFERENCES disaggregation_model(id),
    category_key   TEXT   NOT NULL DEFAULT '',
    value_milli    BIGINT,
    comment        TEXT   NOT NULL DEFAULT '',
    created_by     BIGINT REFERENCES user_account(id),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    UNIQUE (period_id, category_key)
);

-- The workflow of an actual: submit, return (with a reason), approve. Append-only.
CREATE TABLE indicator_actual_step (
    id             BIGSERIAL PRIMARY KEY,
    actual_id      BIGINT NOT NULL REFERENCES indicator_actual(id),
    action         TEXT   NOT NULL,
    note           TEXT   NOT NULL DEFAULT '',
    acted_on       TEXT   NOT NULL,
    acted_by       BIGINT REFERENCES user_account(id),
    acted_at       BIGINT NOT NULL
);
CREATE INDEX indicator_actual_step_actual ON indicator_actual_step(actual_id);
CREATE FUNCTION indicator_actual_step_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the workflow of an actual is append-only';
END;
$$;
CREATE TRIGGER indicator_actual_step_no_update BEFORE UPDATE ON indicator_actual_step
    FOR EACH ROW EXECUTE FUNCTION indicator_actual_step_append_only();
CREATE TRIGGER indicator_actual_step_no_delete BEFORE DELETE ON indicator_actual_step
    FOR EACH ROW EXECUTE FUNCTION indicator_actual_step_append_only();
