-- Who did what among staff, as in PostgreSQL: one row per staff write, never updated. Times are Unix milliseconds
-- (UTC); before_summary/after_summary are short JSON texts for people, not for replay.
CREATE TABLE audit_log
(
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             INTEGER NOT NULL,
    actor_id       TEXT    NOT NULL,
    actor_login    TEXT    NOT NULL,
    actor_role     TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    target         TEXT    NOT NULL,
    reason         TEXT    NULL,
    before_summary TEXT    NULL,
    after_summary  TEXT    NULL
);

CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_login, at);
CREATE INDEX ix_audit_log_target ON audit_log (target, at);
