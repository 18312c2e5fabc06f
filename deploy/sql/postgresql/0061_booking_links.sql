-- Single-use links texted by booking lookup (POST /api/bookings/lookup). Only the SHA-256 of a link's secret is kept,
-- with its expiry; redeeming sets used_at, once (one conditional UPDATE). Times in Unix milliseconds (UTC), as in every
-- table of the frontend, so the SQL is the same on PostgreSQL and SQLite.
CREATE TABLE booking_links
(
    secret_hash text PRIMARY KEY,
    pnr         text NOT NULL,
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    used_at     bigint NULL
);

CREATE INDEX ix_booking_links_expires ON booking_links (expires_at);
