namespace DiuParibahan.Benchmarks.Reports;

/// <summary>
/// The baseline: each report computed straight from the events log (jsonb payloads, the log's own indexes on
/// kind/time and trip/time), as a design without rollups would. Same figures as the rollup reports, different cost.
/// Parameters: @f and @t, the first and the day after the last Dhaka day as timestamptz.
/// </summary>
public static class RawEventReports
{
    public static readonly IReadOnlyDictionary<string, string> Sql = new Dictionary<string, string>
    {
        ["sales"] = """
            SELECT (occurred_at AT TIME ZONE 'Asia/Dhaka')::date, payload->>'routeId', min(payload->>'routeCode'),
                   count(*) FILTER (WHERE kind = 'trip.sold'), sum((payload->>'seats')::int) FILTER (WHERE kind = 'trip.sold'),
                   sum((payload->>'amount')::int) FILTER (WHERE kind = 'trip.sold'), count(*) FILTER (WHERE kind = 'trip.sale-cancelled')
            FROM events WHERE kind IN ('trip.sold', 'trip.sale-cancelled') AND occurred_at >= @f AND occurred_at < @t
            GROUP BY 1, 2 ORDER BY 1, 2
            """,
        ["channels"] = """
            SELECT payload->>'channel', count(*), sum((payload->>'seats')::int), sum((payload->>'amount')::int)
            FROM events WHERE kind = 'trip.sold' AND occurred_at >= @f AND occurred_at < @t GROUP BY 1 ORDER BY 1
            """,
        ["trip-load"] = """
            SELECT trip_id, min(cap), min(legs), sum(seat_legs)
            FROM (SELECT trip_id, (payload->>'capacity')::int AS cap, jsonb_array_length(payload->'stops') - 1 AS legs,
                         CASE WHEN kind = 'trip.sold' THEN 1 ELSE -1 END * (payload->>'seats')::int
                           * ((payload->>'to')::int - (payload->>'from')::int) AS seat_legs
                  FROM events WHERE kind IN ('trip.sold', 'trip.sale-cancelled')
                    AND (payload->>'departure')::timestamptz >= @f AND (payload->>'departure')::timestamptz < @t) s
            GROUP BY trip_id ORDER BY trip_id
            """,
        ["leg-load"] = """
            SELECT route_id, leg, count(DISTINCT trip_id), sum(seats)
            FROM (SELECT trip_id, payload->>'routeId' AS route_id, leg,
                         CASE WHEN kind = 'trip.sold' THEN 1 ELSE -1 END * (payload->>'seats')::int AS seats
                  FROM events, generate_series((payload->>'from')::int, (payload->>'to')::int - 1) AS leg
                  WHERE kind IN ('trip.sold', 'trip.sale-cancelled')
                    AND (payload->>'departure')::timestamptz >= @f AND (payload->>'departure')::timestamptz < @t) s
            GROUP BY route_id, leg ORDER BY route_id, leg
            """,
        ["conversion"] = """
            SELECT payload->>'routeId', count(*) FILTER (WHERE kind = 'trip.hold-created'),
                   count(*) FILTER (WHERE kind = 'trip.sold' AND payload->>'holdId' IS NOT NULL),
                   count(*) FILTER (WHERE kind = 'trip.hold-expired'), count(*) FILTER (WHERE kind = 'trip.hold-released'),
                   count(*) FILTER (WHERE kind = 'trip.hold-rejected')
            FROM events WHERE kind IN ('trip.hold-created', 'trip.sold', 'trip.hold-expired', 'trip.hold-released', 'trip.hold-rejected')
              AND occurred_at >= @f AND occurred_at < @t
            GROUP BY 1 ORDER BY 1
            """,
        ["peak-hours"] = """
            SELECT extract(hour FROM occurred_at AT TIME ZONE 'Asia/Dhaka')::int,
                   count(*) FILTER (WHERE kind = 'search.trips'), count(*) FILTER (WHERE kind <> 'search.trips')
            FROM events WHERE kind IN ('search.trips', 'trip.hold-created', 'trip.hold-rejected') AND occurred_at >= @f AND occurred_at < @t
            GROUP BY 1 ORDER BY 1
            """,
        ["boarding-points"] = """
            SELECT payload->'stops'->>((payload->>'from')::int), count(*), sum((payload->>'seats')::int)
            FROM events WHERE kind = 'trip.sold' AND occurred_at >= @f AND occurred_at < @t
            GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 10
            """,
    };
}
