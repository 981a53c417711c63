-- Advice and mentoring notes on a case file (SQLite). Keep in step with
-- ../postgres/0008_case_notes.sql. Shares of cases use record_share (scope 'full' or 'summary').

CREATE TABLE case_note (
    id          INTEGER PRIMARY KEY,
    case_id     BIGINT NOT NULL REFERENCES case_file(id),
    kind        TEXT   NOT NULL,
    body        TEXT   NOT NULL,
    author_id   BIGINT REFERENCES user_account(id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX case_note_case ON case_note(case_id);
