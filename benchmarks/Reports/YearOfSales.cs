using Npgsql;

namespace DiuParibahan.Benchmarks.Reports;

/// <summary>
/// A year of analytics events for 60 coaches generated inside PostgreSQL with <c>generate_series</c> (no grain
/// calls): each coach runs one trip a day on one of six three-stop routes, and each trip sells
/// <see cref="BookingsPerTrip"/> single-seat bookings (A→C, A→B, B→C in turn, so no leg exceeds the 40 seats).
/// 70 % are online (hold, then sale), 30 % counter sales; every fifth booking also has a hold that expired; every
/// booking has a search before it and a <c>booking.confirmed</c> event. Sales happen up to 14 days before departure.
/// </summary>
public static class YearOfSales
{
    public const int Days = 365;
    public const int Coaches = 60;
    public const int BookingsPerTrip = 46;
    public static readonly DateOnly FirstDay = new(2025, 1, 1);

    public static long Bookings(int days) => (long)days * Coaches * BookingsPerTrip;

    /// <summary>Fills the (empty, migrated) events table; returns the number of events.</summary>
    public static async Task<long> GenerateAsync(NpgsqlDataSource db, int days, Action<string> progress)
    {
        // One row per booking with everything its events need; the INSERTs below derive the events from it.
        var bookings = $"""
            CREATE UNLOGGED TABLE bench_bookings AS
            SELECT d, c, b,
                   'R' || (c % 6) || '-' || to_char(date '{FirstDay:yyyy-MM-dd}' + d, 'YYYYMMDD') || '-' || lpad(c::text, 2, '0') AS trip_id,
                   'route-' || (c % 6) AS route_id, 'R' || (c % 6) AS route_code,
                   timestamptz '{FirstDay:yyyy-MM-dd} 00:00+06' + make_interval(days => d, hours => 6 + c % 16) AS departure,
                   timestamptz '{FirstDay:yyyy-MM-dd} 00:00+06' + make_interval(days => d, hours => 6 + c % 16)
                     - make_interval(mins => (b * 613 + c * 97 + d * 31) % (14 * 24 * 60)) AS sold_at,
                   CASE WHEN b % 10 < 7 THEN 'Online' ELSE 'Counter' END AS channel,
                   CASE b % 3 WHEN 2 THEN 1 ELSE 0 END AS from_index,
                   CASE b % 3 WHEN 1 THEN 1 ELSE 2 END AS to_index,
                   'B' || d || '-' || c || '-' || b AS pnr
            FROM generate_series(0, {days - 1}) d, generate_series(0, {Coaches - 1}) c, generate_series(0, {BookingsPerTrip - 1}) b
            """;
        const string trip = """
            jsonb_build_object('routeId', route_id, 'routeCode', route_code, 'departure', departure, 'capacity', 40,
              'stops', jsonb_build_array(route_id || '-a', route_id || '-b', route_id || '-c'), 'from', from_index, 'to', to_index,
              'seats', 1, 'amount', 500 * (to_index - from_index), 'channel', channel
            """;
        string[] steps =
        [
            $"INSERT INTO events (occurred_at, kind, trip_id, booking_ref, actor, payload) SELECT sold_at - interval '5 minutes', 'search.trips', NULL, NULL, NULL, "
            + "jsonb_build_object('from', route_id || '-a', 'to', route_id || '-c', 'day', to_char(departure AT TIME ZONE 'Asia/Dhaka', 'YYYY-MM-DD')) FROM bench_bookings",
            $"INSERT INTO events (occurred_at, kind, trip_id, booking_ref, actor, payload) SELECT sold_at - interval '30 minutes', 'trip.hold-created', trip_id, NULL, NULL, {trip}, 'holdId', NULL, 'reason', NULL) FROM bench_bookings WHERE b % 5 = 0",
            $"INSERT INTO events (occurred_at, kind, trip_id, booking_ref, actor, payload) SELECT sold_at - interval '20 minutes', 'trip.hold-expired', trip_id, NULL, NULL, {trip}, 'holdId', NULL, 'reason', NULL) FROM bench_bookings WHERE b % 5 = 0",
            $"INSERT INTO events (occurred_at, kind, trip_id, booking_ref, actor, payload) SELECT sold_at - interval '3 minutes', 'trip.hold-created', trip_id, NULL, NULL, {trip}, 'holdId', md5(pnr)::uuid, 'reason', NULL) FROM bench_bookings WHERE channel = 'Online'",
            $"INSERT INTO events (occurred_at, kind, trip_id, booking_ref, actor, payload) SELECT sold_at, 'trip.sold', trip_id, pnr, NULL, {trip}, 'holdId', CASE WHEN channel = 'Online' THEN md5(pnr)::uuid END, 'reason', NULL) FROM bench_bookings",
            "INSERT INTO events (occurred_at, kind, trip_id, booking_ref, actor, payload) SELECT sold_at, 'booking.confirmed', trip_id, pnr, 'system', "
            + "jsonb_build_object('status', 'Confirmed', 'detail', 'Payment received.', 'routeCode', route_code, 'routeNameEn', 'Route ' || route_code, "
            + "'routeNameBn', 'রুট ' || route_code, 'channel', channel, 'seats', 1, 'farePerSeat', 500 * (to_index - from_index), "
            + "'total', 500 * (to_index - from_index), 'from', route_id || '-' || chr(97 + from_index), 'to', route_id || '-' || chr(97 + to_index), "
            + "'departure', departure, 'phone', '+88017' || lpad(((d * 60 + c) * 46 + b)::text, 8, '0')) FROM bench_bookings",
            "DROP TABLE bench_bookings",
            "ANALYZE events",
        ];
        await using (var command = db.CreateCommand(bookings))
        {
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
        foreach (var step in steps)
        {
            progress("  " + (step.Length > 90 ? step[..90] + " …" : step));
            await using var command = db.CreateCommand(step);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
        await using var count = db.CreateCommand("SELECT count(*) FROM events");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
