-- Analytics rollups: small tables the reports read instead of scanning the events log. A background fold reads the
-- events after rollup_watermark.last_event_id, adds their counts here and moves the watermark in the same
-- transaction, so each event is counted exactly once however often the fold runs. Days and hours are Asia/Dhaka
-- local time. Amounts are whole taka.

CREATE TABLE rollup_watermark
(
    name          text   PRIMARY KEY,
    last_event_id bigint NOT NULL
);
INSERT INTO rollup_watermark (name, last_event_id) VALUES ('analytics', 0);

-- Sales by the day of sale, route and channel (Online/Counter); cancellations by the day they happened.
CREATE TABLE rollup_sales_day
(
    day            date   NOT NULL,
    route_id       text   NOT NULL,
    route_code     text   NOT NULL,
    channel        text   NOT NULL,
    bookings       bigint NOT NULL,
    seats          bigint NOT NULL,
    revenue        bigint NOT NULL,
    cancellations  bigint NOT NULL,
    cancelled_seats bigint NOT NULL,
    PRIMARY KEY (day, route_id, channel)
);

-- Hold funnel by the day the hold was created or ended, per route: conversion and expiry rates.
CREATE TABLE rollup_holds_day
(
    day       date   NOT NULL,
    route_id  text   NOT NULL,
    created   bigint NOT NULL,
    rejected  bigint NOT NULL,
    confirmed bigint NOT NULL,
    released  bigint NOT NULL,
    expired   bigint NOT NULL,
    PRIMARY KEY (day, route_id)
);

-- Seats sold on each leg of each trip (net of cancellations), keyed by the trip's departure day.
CREATE TABLE rollup_trip_leg
(
    departure_day date    NOT NULL,
    trip_id       text    NOT NULL,
    leg_index     integer NOT NULL,
    route_id      text    NOT NULL,
    route_code    text    NOT NULL,
    departure     timestamptz NOT NULL,
    from_stop     text    NOT NULL,
    to_stop       text    NOT NULL,
    capacity      integer NOT NULL,
    seats_sold    bigint  NOT NULL,
    PRIMARY KEY (departure_day, trip_id, leg_index)
);

-- Traffic by local day and hour of day.
CREATE TABLE rollup_traffic_hour
(
    day      date    NOT NULL,
    hour     integer NOT NULL,
    searches bigint  NOT NULL,
    holds    bigint  NOT NULL,
    PRIMARY KEY (day, hour)
);

-- Confirmed bookings and seats by the day of sale and boarding point.
CREATE TABLE rollup_boarding_day
(
    day      date   NOT NULL,
    stop_id  text   NOT NULL,
    bookings bigint NOT NULL,
    seats    bigint NOT NULL,
    PRIMARY KEY (day, stop_id)
);

-- The latest state of each booking, for ops search by PNR or phone (normalised +880…).
CREATE TABLE booking_index
(
    pnr        text        PRIMARY KEY,
    phone      text        NULL,
    trip_id    text        NOT NULL,
    route_code text        NOT NULL,
    from_stop  text        NOT NULL,
    to_stop    text        NOT NULL,
    departure  timestamptz NOT NULL,
    status     text        NOT NULL,
    channel    text        NOT NULL,
    seats      integer     NOT NULL,
    total      bigint      NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX ix_booking_index_phone ON booking_index (phone);
