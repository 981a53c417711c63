-- Analysts' judgements on proposed links between a case and another case, or within a case
-- (SQLite). Keep in step with ../postgres/0010_link_judgements.sql. A judgement names the link by
-- what it joins; later runs show it confirmed or leave it out as rejected.

CREATE TABLE link_judgement (
    id          INTEGER PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    link_key    TEXT   NOT NULL,
    verdict     TEXT   NOT NULL,
    note        TEXT   NOT NULL DEFAULT '',
    judged_by   BIGINT REFERENCES user_account(id),
    judged_at   BIGINT NOT NULL,
    UNIQUE (case_id, link_key)
);
