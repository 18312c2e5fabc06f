using System.Data.Common;
using System.Globalization;
using System.Text;
using DiuParibahan.Hosting.Storage;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>
/// Folds new rows of the events log into the rollup tables (see <c>0040_analytics_rollups.sql</c>). Each batch is one
/// transaction: read the watermark, read the events after it, add their <see cref="AnalyticsFold"/> delta, move the
/// watermark. So a batch counts completely or not at all, and running the fold again (or on two frontends at once)
/// never counts an event twice.
/// </summary>
/// <remarks>
/// PostgreSQL hands out ids when a transaction inserts, not when it commits, so a committed row can appear behind
/// one already folded. A batch therefore stops at a gap in the ids while the row after the gap is younger than
/// <see cref="GapGrace"/>: an insert still in flight gets that long to commit before the fold moves past its id.
/// Gaps left by rolled-back inserts delay the fold by at most that long.
/// </remarks>
public sealed partial class RollupStore(AppDatabase db, TimeProvider time, ILogger<RollupStore> logger)
{
    public const string WatermarkName = "analytics";
    public static readonly TimeSpan GapGrace = TimeSpan.FromSeconds(10);
    private const int RowsPerStatement = 200;

    /// <summary>Folds every event after the watermark, <paramref name="batchSize"/> at a time; returns how many were folded.</summary>
    public async Task<long> CatchUpAsync(int batchSize = 5000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long total = 0;
        while (true)
        {
            var (read, folded) = await db.RunAsync((c, ct) => FoldBatchAsync(c, batchSize, ct), cancellationToken);
            total += folded;
            if (read < batchSize || folded == 0)
            {
                return total;
            }
        }
    }

    private async Task<(int Read, int Folded)> FoldBatchAsync(DbConnection connection, int batchSize, CancellationToken ct)
    {
        var postgres = db.Provider == DatabaseProvider.PostgreSql;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // FOR UPDATE: a second frontend folding at the same moment waits here, then sees the moved watermark.
        var watermark = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "SELECT last_event_id FROM rollup_watermark WHERE name = @name" + (postgres ? " FOR UPDATE" : ""), ct, ("@name", WatermarkName)),
            CultureInfo.InvariantCulture);
        var events = await ReadEventsAsync(connection, transaction, watermark, batchSize, ct);
        var contiguous = Contiguous(events, watermark);
        if (contiguous.Count == 0)
        {
            await transaction.RollbackAsync(ct);
            return (events.Count, 0);
        }
        var delta = AnalyticsFold.Fold(contiguous);
        if (delta.Skipped > 0)
        {
            LogSkipped(logger, delta.Skipped);
        }
        await ApplyAsync(connection, transaction, delta, ct);
        await ExecuteAsync(connection, transaction, "UPDATE rollup_watermark SET last_event_id = @last WHERE name = @name", ct,
            ("@last", contiguous[^1].Id), ("@name", WatermarkName));
        await transaction.CommitAsync(ct);
        return (events.Count, contiguous.Count);
    }

    private List<StoredEvent> Contiguous(List<StoredEvent> events, long watermark)
    {
        var now = time.GetUtcNow();
        var expected = watermark + 1;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Id != expected && now - events[i].OccurredAt < GapGrace)
            {
                return events[..i];
            }
            expected = events[i].Id + 1;
        }
        return events;
    }

    private async Task<List<StoredEvent>> ReadEventsAsync(DbConnection connection, DbTransaction transaction, long watermark, int batchSize, CancellationToken ct)
    {
        await using var command = Command(connection, transaction,
            "SELECT id, occurred_at, kind, trip_id, booking_ref, " + (db.Provider == DatabaseProvider.PostgreSql ? "payload::text" : "payload")
            + " FROM events WHERE id > @after ORDER BY id LIMIT @limit", ("@after", watermark), ("@limit", batchSize));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), SqlValues.ReadTime(reader, 1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        }
        return events;
    }

    private async Task ApplyAsync(DbConnection c, DbTransaction tx, RollupDelta delta, CancellationToken ct)
    {
        var provider = db.Provider;
        await UpsertAsync(c, tx, "rollup_sales_day", ["day", "route_id", "channel"], ["route_code"],
            ["bookings", "seats", "revenue", "cancellations", "cancelled_seats"],
            delta.Sales.Select(kv => new object?[] { kv.Key.Day, kv.Key.RouteId, kv.Key.Channel, kv.Value.RouteCode,
                kv.Value.Bookings, kv.Value.Seats, kv.Value.Revenue, kv.Value.Cancellations, kv.Value.CancelledSeats }), ct);
        await UpsertAsync(c, tx, "rollup_holds_day", ["day", "route_id"], [],
            ["created", "rejected", "confirmed", "released", "expired"],
            delta.Holds.Select(kv => new object?[] { kv.Key.Day, kv.Key.RouteId,
                kv.Value.Created, kv.Value.Rejected, kv.Value.Confirmed, kv.Value.Released, kv.Value.Expired }), ct);
        await UpsertAsync(c, tx, "rollup_trip_leg", ["departure_day", "trip_id", "leg_index"],
            ["route_id", "route_code", "departure", "from_stop", "to_stop", "capacity"], ["seats_sold"],
            delta.Legs.Select(kv => new object?[] { kv.Key.DepartureDay, kv.Key.TripId, kv.Key.Leg, kv.Value.RouteId, kv.Value.RouteCode,
                SqlValues.Time(provider, kv.Value.Departure), kv.Value.FromStop, kv.Value.ToStop, kv.Value.Capacity, kv.Value.SeatsSold }), ct);
        await UpsertAsync(c, tx, "rollup_traffic_hour", ["day", "hour"], [], ["searches", "holds"],
            delta.Traffic.Select(kv => new object?[] { kv.Key.Day, kv.Key.Hour, kv.Value.Searches, kv.Value.Holds }), ct);
        await UpsertAsync(c, tx, "rollup_boarding_day", ["day", "stop_id"], [], ["bookings", "seats"],
            delta.Boarding.Select(kv => new object?[] { kv.Key.Day, kv.Key.StopId, kv.Value.Bookings, kv.Value.Seats }), ct);
        await UpsertAsync(c, tx, "rollup_money_day", ["day", "route_code", "channel"], [],
            ["changes", "booking_correction", "seat_correction", "cancellation_correction", "gross_correction", "change_difference", "refunds"],
            delta.Money.Select(kv => new object?[] { kv.Key.Day, kv.Key.RouteCode, kv.Key.Channel, kv.Value.Changes, kv.Value.BookingCorrection,
                kv.Value.SeatCorrection, kv.Value.CancellationCorrection, kv.Value.GrossCorrection, kv.Value.ChangeDifference, kv.Value.Refunds }), ct);
        await UpsertAsync(c, tx, "booking_index", ["pnr"],
            ["phone", "trip_id", "route_code", "from_stop", "to_stop", "departure", "status", "channel", "seats", "total", "updated_at"], [],
            delta.Bookings.Values.Select(b => new object?[] { b.Pnr, b.Phone, b.TripId, b.RouteCode, b.FromStop, b.ToStop,
                SqlValues.Time(provider, b.Departure), b.Status, b.Channel, b.Seats, b.Total, SqlValues.Time(provider, b.UpdatedAt) }), ct);
    }

    /// <summary>
    /// Inserts rows (key columns, then replaced columns, then added columns); on a key that exists, the replaced
    /// columns take the new values and the added columns are summed. Both dialects speak this ON CONFLICT form.
    /// </summary>
    private static async Task UpsertAsync(DbConnection c, DbTransaction tx, string table, string[] keys, string[] replaced, string[] added,
        IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var columns = keys.Concat(replaced).Concat(added).ToArray();
        var updates = replaced.Select(col => $"{col} = excluded.{col}")
            .Concat(added.Select(col => $"{col} = {table}.{col} + excluded.{col}"));
        var conflict = $" ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", updates)}";
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var command = c.CreateCommand();
            command.Transaction = tx;
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var col = 0; col < columns.Length; col++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{col}");
                    sql.Append(col == 0 ? "" : ", ").Append(name);
                    SqlValues.Add(command, name, chunk[r][col]);
                }
                sql.Append(')');
            }
            command.CommandText = sql.Append(conflict).ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbCommand Command(DbConnection c, DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            SqlValues.Add(command, name, value);
        }
        return command;
    }

    private static async Task<object?> ScalarAsync(DbConnection c, DbTransaction tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var command = Command(c, tx, sql, parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task ExecuteAsync(DbConnection c, DbTransaction tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var command = Command(c, tx, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics rollup: {Count} event(s) with unreadable payloads were left out")]
    private static partial void LogSkipped(ILogger logger, int count);
}
