-- Honest money in the sales reports, as in PostgreSQL: changes counted as changes (corrections undo the new sale and
-- the cancellation the two trips counted), refunds given and change differences, from booking events. Days are
-- 'yyyy-MM-dd' text (Asia/Dhaka). Money columns are REAL taka (refunds can carry poisha).
CREATE TABLE rollup_money_day
(
    day                     TEXT    NOT NULL,
    route_code              TEXT    NOT NULL,
    channel                 TEXT    NOT NULL,
    changes                 INTEGER NOT NULL,
    booking_correction      INTEGER NOT NULL,
    seat_correction         INTEGER NOT NULL,
    cancellation_correction INTEGER NOT NULL,
    gross_correction        REAL    NOT NULL,
    change_difference       REAL    NOT NULL,
    refunds                 REAL    NOT NULL,
    PRIMARY KEY (day, route_code, channel)
);
