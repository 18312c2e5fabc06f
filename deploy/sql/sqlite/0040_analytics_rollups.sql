-- Analytics rollups, as in PostgreSQL: the background fold adds the counts of the events after
-- rollup_watermark.last_event_id and moves the watermark in the same transaction. Days are 'yyyy-MM-dd' text and
-- times ISO-8601 UTC text; days and hours are Asia/Dhaka local time. Amounts are whole taka.

CREATE TABLE rollup_watermark
(
    name          TEXT    PRIMARY KEY,
    last_event_id INTEGER NOT NULL
);
INSERT INTO rollup_watermark (name, last_event_id) VALUES ('analytics', 0);

CREATE TABLE rollup_sales_day
(
    day             TEXT    NOT NULL,
    route_id        TEXT    NOT NULL,
    route_code      TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    bookings        INTEGER NOT NULL,
    seats           INTEGER NOT NULL,
    revenue         INTEGER NOT NULL,
    cancellations   INTEGER NOT NULL,
    cancelled_seats INTEGER NOT NULL,
    PRIMARY KEY (day, route_id, channel)
);

CREATE TABLE rollup_holds_day
(
    day       TEXT    NOT NULL,
    route_id  TEXT    NOT NULL,
    created   INTEGER NOT NULL,
    rejected  INTEGER NOT NULL,
    confirmed INTEGER NOT NULL,
    released  INTEGER NOT NULL,
    expired   INTEGER NOT NULL,
    PRIMARY KEY (day, route_id)
);

CREATE TABLE rollup_trip_leg
(
    departure_day TEXT    NOT NULL,
    trip_id       TEXT    NOT NULL,
    leg_index     INTEGER NOT NULL,
    route_id      TEXT    NOT NULL,
    route_code    TEXT    NOT NULL,
    departure     TEXT    NOT NULL,
    from_stop     TEXT    NOT NULL,
    to_stop       TEXT    NOT NULL,
    capacity      INTEGER NOT NULL,
    seats_sold    INTEGER NOT NULL,
    PRIMARY KEY (departure_day, trip_id, leg_index)
);

CREATE TABLE rollup_traffic_hour
(
    day      TEXT    NOT NULL,
    hour     INTEGER NOT NULL,
    searches INTEGER NOT NULL,
    holds    INTEGER NOT NULL,
    PRIMARY KEY (day, hour)
);

CREATE TABLE rollup_boarding_day
(
    day      TEXT    NOT NULL,
    stop_id  TEXT    NOT NULL,
    bookings INTEGER NOT NULL,
    seats    INTEGER NOT NULL,
    PRIMARY KEY (day, stop_id)
);

CREATE TABLE booking_index
(
    pnr        TEXT    PRIMARY KEY,
    phone      TEXT    NULL,
    trip_id    TEXT    NOT NULL,
    route_code TEXT    NOT NULL,
    from_stop  TEXT    NOT NULL,
    to_stop    TEXT    NOT NULL,
    departure  TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    channel    TEXT    NOT NULL,
    seats      INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX ix_booking_index_phone ON booking_index (phone);
