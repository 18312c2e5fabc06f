-- Who did what among staff: every staff write (network, schedules, trip actions, staff accounts, refunds by ops)
-- appends one row; rows are never updated. Times are Unix milliseconds (UTC), as in users, so the frontend's SQL is
-- the same on PostgreSQL and SQLite. before_summary/after_summary are short JSON texts for people, not for replay.
CREATE TABLE audit_log
(
    id             bigserial PRIMARY KEY,
    at             bigint    NOT NULL,
    actor_id       text      NOT NULL,
    actor_login    text      NOT NULL,
    actor_role     text      NOT NULL,
    action         text      NOT NULL,
    target         text      NOT NULL,
    reason         text      NULL,
    before_summary text      NULL,
    after_summary  text      NULL
);

CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_login, at);
CREATE INDEX ix_audit_log_target ON audit_log (target, at);
