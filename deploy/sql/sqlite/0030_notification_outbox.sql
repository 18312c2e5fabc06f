-- Passenger notifications, as in PostgreSQL: one row per message, idempotency_key unique (enqueue is
-- insert-or-ignore), times in Unix milliseconds (UTC), claims leased through lease_owner/lease_until.
CREATE TABLE notification_outbox
(
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT    NOT NULL UNIQUE,
    pnr             TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient       TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    subject         TEXT    NULL,
    body_text       TEXT    NOT NULL,
    body_html       TEXT    NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'retrying', 'dead', 'recorded')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT    NULL,
    lease_until     INTEGER NULL,
    last_error      TEXT    NULL,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER NULL
);

CREATE INDEX ix_notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX ix_notification_outbox_pnr ON notification_outbox (pnr);
CREATE INDEX ix_notification_outbox_status ON notification_outbox (status, id);
