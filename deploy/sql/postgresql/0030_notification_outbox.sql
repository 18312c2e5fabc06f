-- Passenger notifications waiting to be sent, sent, or given up on: one row per message (one channel, one
-- recipient). idempotency_key ("{pnr}:{event index}:{channel}", "{pnr}:reminder-24h:{channel}") makes enqueueing
-- insert-or-ignore, so a retried enqueue never adds a second message. Times are Unix milliseconds (UTC).
-- A dispatcher claims due rows by setting lease_owner/lease_until; another silo skips a leased row until the lease ends.
CREATE TABLE notification_outbox
(
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key text    NOT NULL UNIQUE,
    pnr             text    NOT NULL,
    kind            text    NOT NULL,
    channel         text    NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient       text    NOT NULL,
    language        text    NOT NULL,
    subject         text    NULL,
    body_text       text    NOT NULL,
    body_html       text    NULL,
    status          text    NOT NULL CHECK (status IN ('pending', 'sent', 'retrying', 'dead', 'recorded')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint  NOT NULL,
    lease_owner     text    NULL,
    lease_until     bigint  NULL,
    last_error      text    NULL,
    created_at      bigint  NOT NULL,
    sent_at         bigint  NULL
);

-- What the dispatcher claims: only rows still to send, oldest due first.
CREATE INDEX ix_notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX ix_notification_outbox_pnr ON notification_outbox (pnr);
CREATE INDEX ix_notification_outbox_status ON notification_outbox (status, id);
