using System.Data.Common;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>
/// The reports, read from the rollup tables only (never the events log), so each query touches at most a year of
/// pre-summed rows: thousands, not millions. The SQL is the same on PostgreSQL and SQLite.
/// </summary>
public sealed class ReportQueries(AppDatabase db)
{
    public Task<List<SalesRow>> SalesAsync(ReportRange range, IReportNames names, CancellationToken ct = default) =>
        QueryAsync("""
            SELECT day, route_id, MIN(route_code), SUM(bookings), SUM(seats), SUM(revenue), SUM(cancellations)
            FROM rollup_sales_day WHERE day >= @from AND day <= @to
            GROUP BY day, route_id ORDER BY day, route_id
            """, range, r =>
        {
            var route = names.Route(r.GetString(1));
            return new SalesRow(SqlValues.ReadDay(r, 0), r.GetString(1), r.GetString(2), route.En, route.Bn,
                Long(r, 3), Long(r, 4), Long(r, 5), Long(r, 6));
        }, ct);

    public async Task<List<ChannelRow>> ChannelsAsync(ReportRange range, CancellationToken ct = default)
    {
        var rows = await QueryAsync("""
            SELECT channel, SUM(bookings), SUM(seats), SUM(revenue)
            FROM rollup_sales_day WHERE day >= @from AND day <= @to
            GROUP BY channel ORDER BY channel
            """, range, r => (Channel: r.GetString(0), Bookings: Long(r, 1), Seats: Long(r, 2), Revenue: Long(r, 3)), ct);
        var total = rows.Sum(r => r.Revenue);
        return rows.Select(r => new ChannelRow(r.Channel, r.Bookings, r.Seats, r.Revenue, Rate(r.Revenue, total))).ToList();
    }

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
