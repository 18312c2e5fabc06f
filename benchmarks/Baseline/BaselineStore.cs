using DiuParibahan.Benchmarks.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace DiuParibahan.Benchmarks.Baseline;

/// <summary>The outcome of a baseline hold: a hold, or a refusal code with the conflicting seats.</summary>
public sealed record BaselineHold(Guid HoldId, DateTimeOffset ExpiresAt, bool Repeated);

public sealed record BaselineRefusal(int Status, string Code, IReadOnlyList<string> Conflicts);

/// <summary>
/// The conventional design: one row per seat and leg, locked with <c>SELECT … FOR UPDATE</c> in (seat, leg) order so
/// concurrent holds cannot deadlock, expired holds read as free, idempotency by an (owner, request id) table. The same
/// rules as the trip grain: all or nothing, at most 4 seats a hold and 2 live holds per owner per trip.
/// </summary>
public sealed class BaselineStore(NpgsqlDataSource db, TimeSpan holdDuration)
{
    private const short Free = 0, Held = 1, Sold = 2;
    public const int MaxSeatsPerHold = 4, MaxHoldsPerOwner = 2;

    public static async Task CreateSchemaAsync(NpgsqlDataSource db, IReadOnlyList<BenchTrip> trips)
    {
        await using (var ddl = db.CreateCommand("""
            CREATE TABLE seat_legs (
                trip_id text NOT NULL, seat text NOT NULL, leg smallint NOT NULL,
                state smallint NOT NULL DEFAULT 0, hold_id uuid, owner text, expires_at timestamptz,
                PRIMARY KEY (trip_id, seat, leg));
            CREATE INDEX seat_legs_taken ON seat_legs (trip_id, leg) WHERE state <> 0;
            CREATE TABLE holds (
                hold_id uuid PRIMARY KEY, trip_id text NOT NULL, owner text NOT NULL,
                seats text[] NOT NULL, from_leg smallint NOT NULL, to_leg smallint NOT NULL, expires_at timestamptz NOT NULL);
            CREATE INDEX holds_owner ON holds (trip_id, owner, expires_at);
            CREATE TABLE hold_requests (
                owner text NOT NULL, request_id text NOT NULL, hold_id uuid NOT NULL, PRIMARY KEY (owner, request_id));
            """))
        {
            await ddl.ExecuteNonQueryAsync();
        }
        await using var connection = await db.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY seat_legs (trip_id, seat, leg) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var trip in trips)
            {
                foreach (var seat in trip.Seats)
                {
                    for (short leg = 0; leg < trip.Stops.Length - 1; leg++)
                    {
                        await copy.StartRowAsync();
                        await copy.WriteAsync(trip.TripId, NpgsqlDbType.Text);
                        await copy.WriteAsync(seat, NpgsqlDbType.Text);
                        await copy.WriteAsync(leg, NpgsqlDbType.Smallint);
                    }
                }
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    public async Task<(BaselineHold? Hold, BaselineRefusal? Refusal)> HoldAsync(
        BenchTrip trip, string owner, IReadOnlyList<string> seats, int from, int to, string requestId)
    {
        if (seats.Count is 0 or > MaxSeatsPerHold || seats.Distinct().Count() != seats.Count)
        {
            return (null, new BaselineRefusal(400, "too-many-seats", []));
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryHoldAsync(trip, owner, seats, from, to, requestId);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // A lost race on the request id or a deadlock: the retry sees the committed winner.
            }
        }
    }

    private async Task<(BaselineHold?, BaselineRefusal?)> TryHoldAsync(
        BenchTrip trip, string owner, IReadOnlyList<string> seats, int from, int to, string requestId)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var repeat = new NpgsqlCommand(
            "SELECT h.hold_id, h.expires_at FROM hold_requests r JOIN holds h USING (hold_id) WHERE r.owner = $1 AND r.request_id = $2", connection, tx))
        {
            repeat.Parameters.Add(new() { Value = owner });
            repeat.Parameters.Add(new() { Value = requestId });
            await using var reader = await repeat.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return (new BaselineHold(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), true), null);
            }
        }

        var now = DateTimeOffset.UtcNow;
        var conflicts = new SortedSet<string>(StringComparer.Ordinal);
        var rows = 0;
        await using (var lockRows = new NpgsqlCommand("""
            SELECT seat, state, expires_at FROM seat_legs
            WHERE trip_id = $1 AND seat = ANY($2) AND leg >= $3 AND leg < $4
            ORDER BY seat, leg FOR UPDATE
            """, connection, tx))
        {
            lockRows.Parameters.Add(new() { Value = trip.TripId });
            lockRows.Parameters.Add(new() { Value = seats.ToArray() });
            lockRows.Parameters.Add(new() { Value = (short)from });
            lockRows.Parameters.Add(new() { Value = (short)to });
            await using var reader = await lockRows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                var state = reader.GetInt16(1);
                if (state == Sold || (state == Held && reader.GetFieldValue<DateTimeOffset>(2) > now))
                {
                    conflicts.Add(reader.GetString(0));
                }
            }
        }
        if (rows != seats.Count * (to - from))
        {
            return (null, new BaselineRefusal(400, "unknown-seat", []));
        }
        if (conflicts.Count > 0)
        {
            return (null, new BaselineRefusal(409, "seats-unavailable", [.. conflicts]));
        }

        await using (var live = new NpgsqlCommand(
            "SELECT count(*) FROM holds WHERE trip_id = $1 AND owner = $2 AND expires_at > $3", connection, tx))
        {
            live.Parameters.Add(new() { Value = trip.TripId });
            live.Parameters.Add(new() { Value = owner });
            live.Parameters.Add(new() { Value = now });
            if ((long)(await live.ExecuteScalarAsync())! >= MaxHoldsPerOwner)
            {
                return (null, new BaselineRefusal(409, "hold-limit-reached", []));
            }
        }

        var holdId = Guid.NewGuid();
        var expiresAt = now + holdDuration;
        await using (var write = new NpgsqlBatch(connection, tx))
        {
            write.BatchCommands.Add(Command("""
                UPDATE seat_legs SET state = 1, hold_id = $5, owner = $6, expires_at = $7
                WHERE trip_id = $1 AND seat = ANY($2) AND leg >= $3 AND leg < $4
                """, trip.TripId, seats.ToArray(), (short)from, (short)to, holdId, owner, expiresAt));
            write.BatchCommands.Add(Command(
                "INSERT INTO holds (hold_id, trip_id, owner, seats, from_leg, to_leg, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                holdId, trip.TripId, owner, seats.ToArray(), (short)from, (short)to, expiresAt));
            write.BatchCommands.Add(Command("INSERT INTO hold_requests (owner, request_id, hold_id) VALUES ($1, $2, $3)",
                owner, requestId, holdId));
            await write.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return (new BaselineHold(holdId, expiresAt, false), null);
    }

    /// <summary>Releases a live hold of <paramref name="owner"/>: 204, 404 (unknown or expired) or 403.</summary>
    public async Task<int> ReleaseAsync(Guid holdId, string owner)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryReleaseAsync(holdId, owner);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
            }
        }
    }

    private async Task<int> TryReleaseAsync(Guid holdId, string owner)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        string tripId;
        await using (var find = new NpgsqlCommand("SELECT trip_id, owner, expires_at FROM holds WHERE hold_id = $1 FOR UPDATE", connection, tx))
        {
            find.Parameters.Add(new() { Value = holdId });
            await using var reader = await find.ExecuteReaderAsync();
            if (!await reader.ReadAsync() || reader.GetFieldValue<DateTimeOffset>(2) <= DateTimeOffset.UtcNow)
            {
                return 404;
            }
            if (reader.GetString(1) != owner)
            {
                return 403;
            }
            tripId = reader.GetString(0);
        }
        await using (var write = new NpgsqlBatch(connection, tx))
        {
            // Seat rows are locked in the same (seat, leg) order holds use, so a release and a hold cannot deadlock.
            write.BatchCommands.Add(Command("""
                UPDATE seat_legs s SET state = 0, hold_id = NULL, owner = NULL, expires_at = NULL
                FROM (SELECT seat, leg FROM seat_legs WHERE trip_id = $1 AND hold_id = $2 ORDER BY seat, leg FOR UPDATE) l
                WHERE s.trip_id = $1 AND s.seat = l.seat AND s.leg = l.leg
                """, tripId, holdId));
            write.BatchCommands.Add(Command("DELETE FROM holds WHERE hold_id = $1", holdId));
            await write.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return 204;
    }

    /// <summary>Each seat's strongest live state on the legs <c>[from, to)</c> and whether <paramref name="owner"/> holds it.</summary>
    public async Task<Dictionary<string, (short State, bool Mine)>> SeatMapAsync(BenchTrip trip, int from, int to, string? owner)
    {
        await using var command = db.CreateCommand("""
            SELECT seat,
                   max(CASE WHEN state = 2 THEN 2 WHEN state = 1 AND expires_at > now() THEN 1 ELSE 0 END)::smallint,
                   coalesce(bool_or(state = 1 AND expires_at > now() AND owner = $4), false)
            FROM seat_legs WHERE trip_id = $1 AND leg >= $2 AND leg < $3 GROUP BY seat
            """);
        command.Parameters.Add(new() { Value = trip.TripId });
        command.Parameters.Add(new() { Value = (short)from });
        command.Parameters.Add(new() { Value = (short)to });
        command.Parameters.Add(new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var result = new Dictionary<string, (short, bool)>(trip.Seats.Length);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = (reader.GetInt16(1), reader.GetBoolean(2));
        }
        return result;
    }

    /// <summary>Seats taken anywhere on each trip's asked legs, in one query for a whole search result.</summary>
    public async Task<Dictionary<string, int>> TakenSeatsAsync(IReadOnlyList<(BenchTrip Trip, int From, int To)> legs)
    {
        await using var command = db.CreateCommand("""
            SELECT q.trip_id, count(DISTINCT s.seat)::int
            FROM unnest($1::text[], $2::smallint[], $3::smallint[]) AS q(trip_id, f, t)
            JOIN seat_legs s ON s.trip_id = q.trip_id AND s.leg >= q.f AND s.leg < q.t AND s.state <> 0
            WHERE s.state = 2 OR s.expires_at > now()
            GROUP BY q.trip_id
            """);
        command.Parameters.Add(new() { Value = legs.Select(l => l.Trip.TripId).ToArray() });
        command.Parameters.Add(new() { Value = legs.Select(l => (short)l.From).ToArray() });
        command.Parameters.Add(new() { Value = legs.Select(l => (short)l.To).ToArray() });
        var result = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetInt32(1);
        }
        return result;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
