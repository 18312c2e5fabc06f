-- Honest money in the sales reports. rollup_sales_day counts what the trips saw (every sale, every sale cancelled);
-- this table, fed by booking events, adds what only the bookings know: a trip/date change is one change, not a new
-- booking plus a cancellation (the corrections undo what the two trips counted), refunds given, and the money a change
-- brought in or gave back. Reports: gross = revenue + gross_correction, net = gross + change_difference − refunds.
-- Keyed by route code (booking events name routes by code). Amounts in taka; refunds exact to the poisha.
CREATE TABLE rollup_money_day
(
    day                     date    NOT NULL,
    route_code              text    NOT NULL,
    channel                 text    NOT NULL,
    changes                 bigint  NOT NULL,
    booking_correction      bigint  NOT NULL,
    seat_correction         bigint  NOT NULL,
    cancellation_correction bigint  NOT NULL,
    gross_correction        numeric NOT NULL,
    change_difference       numeric NOT NULL,
    refunds                 numeric NOT NULL,
    PRIMARY KEY (day, route_code, channel)
);
