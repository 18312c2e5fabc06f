using System.Data.Common;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>
/// The reports, read from the rollup tables only (never the events log), so each query touches at most a year of
/// pre-summed rows: thousands, not millions. The SQL is the same on PostgreSQL and SQLite.
/// </summary>
public sealed class ReportQueries(AppDatabase db)
{
    /// <summary>
    /// Sales by day of sale and route: what the trips counted (rollup_sales_day) corrected by what the bookings say
    /// (rollup_money_day): a trip/date change is a change, not a booking plus a cancellation; revenue is net.
    /// </summary>
    public async Task<List<SalesRow>> SalesAsync(ReportRange range, IReportNames names, CancellationToken ct = default)
    {
        var sales = await QueryAsync("""
            SELECT day, route_id, MIN(route_code), SUM(bookings), SUM(seats), SUM(revenue), SUM(cancellations)
            FROM rollup_sales_day WHERE day >= @from AND day <= @to
            GROUP BY day, route_id
            """, range, r => new Tally(SqlValues.ReadDay(r, 0), r.GetString(1), r.GetString(2), "", Long(r, 3), Long(r, 4), Long(r, 6), Long(r, 5)), ct);
        var money = await MoneyAsync("day, route_code", range, ct);
        var routeIds = await RouteIdsAsync(ct);
        var rows = Merge(sales, money, t => (t.Day, t.RouteCode), m => (m.Day, m.Key),
            m => new Tally(m.Day, routeIds.GetValueOrDefault(m.Key, m.Key), m.Key, "", 0, 0, 0, 0));
        return rows
            .Select(x =>
            {
                var route = names.Route(x.Tally.RouteId);
                return x.Row((t, m, net, gross) => new SalesRow(t.Day, t.RouteId, t.RouteCode, route.En, route.Bn,
                    t.Bookings + m.BookingCorrection, t.Seats + m.SeatCorrection, net, t.Cancellations + m.CancellationCorrection, m.Changes,
                    gross, m.Refunds, m.ChangeDifference));
            })
            .OrderBy(r => r.Day).ThenBy(r => r.RouteId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Sales by channel over the range, corrected like <see cref="SalesAsync"/>; the share is of net revenue.</summary>
    public async Task<List<ChannelRow>> ChannelsAsync(ReportRange range, CancellationToken ct = default)
    {
        var sales = await QueryAsync("""
            SELECT channel, SUM(bookings), SUM(seats), SUM(revenue), SUM(cancellations)
            FROM rollup_sales_day WHERE day >= @from AND day <= @to
            GROUP BY channel
            """, range, r => new Tally(default, "", "", r.GetString(0), Long(r, 1), Long(r, 2), Long(r, 4), Long(r, 3)), ct);
        var money = await MoneyAsync("channel", range, ct);
        var rows = Merge(sales, money, t => (default(DateOnly), t.Channel), m => (default(DateOnly), m.Key),
                m => new Tally(default, "", "", m.Key, 0, 0, 0, 0))
            .Select(x => x.Row((t, m, net, gross) => (t, m, net, gross)))
            .OrderBy(x => x.t.Channel, StringComparer.Ordinal)
            .ToList();
        var total = rows.Sum(r => r.net);
        return rows.Select(r => new ChannelRow(r.t.Channel, r.t.Bookings + r.m.BookingCorrection, r.t.Seats + r.m.SeatCorrection, r.net,
            total == 0 ? 0 : Math.Round((double)(r.net / total), 4), r.m.Changes, r.gross, r.m.Refunds, r.m.ChangeDifference)).ToList();
    }

    /// <summary>What the trips counted in one report cell (revenue here is the gross of their sales).</summary>
    private sealed record Tally(DateOnly Day, string RouteId, string RouteCode, string Channel, long Bookings, long Seats, long Cancellations,
        long Revenue);

    /// <summary>What the bookings add to one report cell.</summary>
    private sealed record MoneyTally(DateOnly Day, string Key, long Changes, long BookingCorrection, long SeatCorrection,
        long CancellationCorrection, decimal GrossCorrection, decimal ChangeDifference, decimal Refunds)
    {
        public static readonly MoneyTally None = new(default, "", 0, 0, 0, 0, 0, 0, 0);
    }

    private sealed record Merged(Tally Tally, MoneyTally Money)
    {
        public T Row<T>(Func<Tally, MoneyTally, decimal, decimal, T> make)
        {
            var gross = Tally.Revenue + Money.GrossCorrection;
            return make(Tally, Money, Math.Round(gross + Money.ChangeDifference - Money.Refunds, 2), Math.Round(gross, 2));
        }
    }

    private static List<Merged> Merge<TKey>(List<Tally> sales, List<MoneyTally> money, Func<Tally, TKey> saleKey, Func<MoneyTally, TKey> moneyKey,
        Func<MoneyTally, Tally> empty) where TKey : notnull
    {
        var byKey = money.ToDictionary(moneyKey);
        var rows = sales.Select(t => new Merged(t, byKey.Remove(saleKey(t), out var m) ? m : MoneyTally.None)).ToList();
        // Refunds or changes on a day (or channel) with no sale of their own still count.
        rows.AddRange(byKey.Values.Select(m => new Merged(empty(m), m)));
        return rows;
    }

    private Task<List<MoneyTally>> MoneyAsync(string groupBy, ReportRange range, CancellationToken ct)
    {
        var byDay = groupBy.StartsWith("day", StringComparison.Ordinal);
        var key = byDay ? "route_code" : "channel";
        return QueryAsync($"""
            SELECT {(byDay ? "day" : "MIN(day)")}, {key}, SUM(changes), SUM(booking_correction), SUM(seat_correction), SUM(cancellation_correction),
                   SUM(gross_correction), SUM(change_difference), SUM(refunds)
            FROM rollup_money_day WHERE day >= @from AND day <= @to
            GROUP BY {groupBy}
            """, range, r => new MoneyTally(byDay ? SqlValues.ReadDay(r, 0) : default, r.GetString(1), Long(r, 2), Long(r, 3), Long(r, 4), Long(r, 5),
            Money(r, 6), Money(r, 7), Money(r, 8)), ct);
    }

    // Route codes are unique in the network, so the code a booking names maps back to the route id the trips use.
    private Task<Dictionary<string, string>> RouteIdsAsync(CancellationToken ct) =>
        db.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT route_code, route_id FROM rollup_sales_day";
            await using var reader = await command.ExecuteReaderAsync(token);
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(token))
            {
                ids.TryAdd(reader.GetString(0), reader.GetString(1));
            }
            return ids;
        }, ct);

    private static decimal Money(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Math.Round(Convert.ToDecimal(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture), 2);

    public Task<List<TripLoadRow>> TripLoadAsync(ReportRange range, CancellationToken ct = default) =>
        QueryAsync("""
            SELECT trip_id, MIN(route_code), MIN(departure), MIN(capacity), COUNT(*), SUM(seats_sold), MAX(seats_sold)
            FROM rollup_trip_leg WHERE departure_day >= @from AND departure_day <= @to
            GROUP BY trip_id ORDER BY MIN(departure), trip_id
            """, range, r =>
        {
            var capacity = (int)Long(r, 3);
            var legs = (int)Long(r, 4);
            var sold = Long(r, 5);
            return new TripLoadRow(r.GetString(0), r.GetString(1), SqlValues.ReadTime(r, 2), capacity, legs, sold,
                Rate(sold, (long)capacity * legs), Rate(Long(r, 6), capacity));
        }, ct);

    public Task<List<LegLoadRow>> LegLoadAsync(ReportRange range, IReportNames names, CancellationToken ct = default) =>
        QueryAsync("""
            SELECT route_id, MIN(route_code), leg_index, MIN(from_stop), MIN(to_stop), COUNT(*), SUM(seats_sold), SUM(capacity)
            FROM rollup_trip_leg WHERE departure_day >= @from AND departure_day <= @to
            GROUP BY route_id, leg_index ORDER BY MIN(route_code), leg_index
            """, range, r =>
        {
            var sold = Long(r, 6);
            var capacity = Long(r, 7);
            return new LegLoadRow(r.GetString(0), r.GetString(1), (int)Long(r, 2), r.GetString(3), r.GetString(4),
                names.Stop(r.GetString(3)).Bn, names.Stop(r.GetString(4)).Bn, Long(r, 5), sold, capacity, Rate(sold, capacity));
        }, ct);

    public Task<List<ConversionRow>> ConversionAsync(ReportRange range, IReportNames names, CancellationToken ct = default) =>
        QueryAsync("""
            SELECT route_id, SUM(created), SUM(confirmed), SUM(expired), SUM(released), SUM(rejected)
            FROM rollup_holds_day WHERE day >= @from AND day <= @to
            GROUP BY route_id ORDER BY route_id
            """, range, r =>
        {
            var created = Long(r, 1);
            return new ConversionRow(r.GetString(0), names.Route(r.GetString(0)).Code, created, Long(r, 2), Long(r, 3), Long(r, 4),
                Long(r, 5), Rate(Long(r, 2), created), Rate(Long(r, 3), created));
        }, ct);

    /// <summary>All 24 hours, zeros included, so a chart's x axis is complete.</summary>
    public async Task<List<HourRow>> PeakHoursAsync(ReportRange range, CancellationToken ct = default)
    {
        var rows = (await QueryAsync("""
            SELECT hour, SUM(searches), SUM(holds)
            FROM rollup_traffic_hour WHERE day >= @from AND day <= @to
            GROUP BY hour
            """, range, r => new HourRow((int)Long(r, 0), Long(r, 1), Long(r, 2)), ct)).ToDictionary(h => h.Hour);
        return Enumerable.Range(0, 24).Select(h => rows.GetValueOrDefault(h) ?? new HourRow(h, 0, 0)).ToList();
    }

    public Task<List<BoardingRow>> BoardingPointsAsync(ReportRange range, int top, IReportNames names, CancellationToken ct = default) =>
        QueryAsync("""
            SELECT stop_id, SUM(bookings), SUM(seats)
            FROM rollup_boarding_day WHERE day >= @from AND day <= @to
            GROUP BY stop_id ORDER BY SUM(seats) DESC, stop_id LIMIT @top
            """, range, r =>
        {
            var name = names.Stop(r.GetString(0));
            return new BoardingRow(r.GetString(0), name.En, name.Bn, Long(r, 1), Long(r, 2));
        }, ct, ("@top", top));

    private Task<List<T>> QueryAsync<T>(string sql, ReportRange range, Func<DbDataReader, T> map, CancellationToken ct,
        params (string Name, object? Value)[] extra) =>
        db.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            SqlValues.Add(command, "@from", range.From);
            SqlValues.Add(command, "@to", range.To);
            foreach (var (name, value) in extra)
            {
                SqlValues.Add(command, name, value);
            }
            await using var reader = await command.ExecuteReaderAsync(token);
            var rows = new List<T>();
            while (await reader.ReadAsync(token))
            {
                rows.Add(map(reader));
            }
            return rows;
        }, ct);

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
