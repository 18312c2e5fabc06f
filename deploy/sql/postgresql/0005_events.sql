-- Our own append-only log of domain events (bookings, holds, searches) for audit and analytics. Rows are never
-- updated; id orders events by insertion, occurred_at by when they happened (the two can differ slightly).
CREATE TABLE events
(
    id          bigserial   PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    kind        text        NOT NULL,
    trip_id     text        NULL,
    booking_ref text        NULL,
    actor       text        NULL,
    payload     jsonb       NOT NULL
);

CREATE INDEX ix_events_occurred_at ON events (occurred_at);
CREATE INDEX ix_events_trip ON events (trip_id, occurred_at);
CREATE INDEX ix_events_kind ON events (kind, occurred_at);
