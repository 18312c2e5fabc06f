-- Our own append-only log of domain events, as in PostgreSQL. occurred_at is ISO-8601 UTC text with seven
-- fractional digits ("2025-01-31T08:15:00.0000000Z"), so text order is time order; payload is JSON text.
-- AUTOINCREMENT keeps ids increasing even if old rows are ever pruned, so readers can page by id.
CREATE TABLE events
(
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT NOT NULL,
    kind        TEXT NOT NULL,
    trip_id     TEXT NULL,
    booking_ref TEXT NULL,
    actor       TEXT NULL,
    payload     TEXT NOT NULL CHECK (json_valid(payload))
);

CREATE INDEX ix_events_occurred_at ON events (occurred_at);
CREATE INDEX ix_events_trip ON events (trip_id, occurred_at);
CREATE INDEX ix_events_kind ON events (kind, occurred_at);
