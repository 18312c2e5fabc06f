using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DiuParibahan.Benchmarks.Report;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DiuParibahan.Benchmarks.Reports;

/// <summary>
/// <c>./bench.sh reports</c>: a year of sales for 60 coaches (~1M bookings) generated in a throwaway PostgreSQL,
/// folded by the product's rollup, then every report timed over the whole year from the rollup tables (what the API
/// runs) and, as the baseline, computed straight from the raw events. Writes the "reports" section of
/// docs/benchmarks.md (a smoke run only prints).
/// </summary>
public static class ReportBenchmark
{
    private const int RollupRuns = 30;
    private const int RawRuns = 5;

    public static async Task<int> RunAsync(string root, bool smoke, Action<string> progress)
    {
        var days = smoke ? 14 : YearOfSales.Days;
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        var connectionString = await postgres.CreateDatabaseAsync("analytics");
        await SchemaMigrator.MigrateAsync(DatabaseProvider.PostgreSql, connectionString);
        await using var raw = NpgsqlDataSource.Create(connectionString);
        string postgresVersion;
        await using (var version = raw.CreateCommand("SHOW server_version"))
        {
            postgresVersion = "PostgreSQL " + (string)(await version.ExecuteScalarAsync())!;
        }

        progress($"generating {YearOfSales.Bookings(days):N0} bookings over {days} days for {YearOfSales.Coaches} coaches ...");
        var clock = Stopwatch.StartNew();
        var events = await YearOfSales.GenerateAsync(raw, days, progress);
        var generated = clock.Elapsed;
        progress($"{events:N0} events in {generated.TotalSeconds:F0} s; folding them into the rollups ...");

        await using var db = AppDatabase.ForPostgres(connectionString);
        clock.Restart();
        var folded = await new RollupStore(db, TimeProvider.System, NullLogger<RollupStore>.Instance).CatchUpAsync(5000);
        var foldTime = clock.Elapsed;
        progress($"folded {folded:N0} events in {foldTime.TotalSeconds:F0} s ({folded / foldTime.TotalSeconds:N0}/s)");
        var rollupRows = new List<(string Table, long Rows)>();
        foreach (var table in new[] { "rollup_sales_day", "rollup_holds_day", "rollup_trip_leg", "rollup_traffic_hour", "rollup_boarding_day", "booking_index" })
        {
            await using var count = raw.CreateCommand($"SELECT count(*) FROM {table}");
            rollupRows.Add((table, (long)(await count.ExecuteScalarAsync())!));
        }

        var range = new ReportRange(YearOfSales.FirstDay, YearOfSales.FirstDay.AddDays(days - 1));
        var reports = new ReportQueries(db);
        var names = new PlainNames();
        var measured = new List<(string Report, Percentiles Rollup, Percentiles Raw, int Rows)>();
        foreach (var (report, rawSql) in RawEventReports.Sql)
        {
            Func<Task<int>> viaRollup = report switch
            {
                "sales" => async () => (await reports.SalesAsync(range, names)).Count,
                "channels" => async () => (await reports.ChannelsAsync(range)).Count,
                "trip-load" => async () => (await reports.TripLoadAsync(range)).Count,
                "leg-load" => async () => (await reports.LegLoadAsync(range, names)).Count,
                "conversion" => async () => (await reports.ConversionAsync(range, names)).Count,
                "peak-hours" => async () => (await reports.PeakHoursAsync(range)).Count,
                "boarding-points" => async () => (await reports.BoardingPointsAsync(range, 10, names)).Count,
                _ => throw new InvalidOperationException(report),
            };
            var (rollupTimes, rows) = await TimeAsync(viaRollup, RollupRuns);
            var (rawTimes, _) = await TimeAsync(() => RunRawAsync(raw, rawSql, range), RawRuns);
            measured.Add((report, Percentiles.Of(rollupTimes), Percentiles.Of(rawTimes), rows));
            progress($"{report}: rollups p50 {Percentiles.Of(rollupTimes).P50:F1} ms, raw events p50 {Percentiles.Of(rawTimes).P50:F0} ms");
        }

        var section = Markdown(MachineInfo.Read(root, postgresVersion), days, events, generated, folded, foldTime, rollupRows, measured);
        if (smoke)
        {
            Console.WriteLine(section);
        }
        else
        {
            WriteSection(Path.Combine(root, "docs", "benchmarks.md"), section);
            progress("wrote the reports section of docs/benchmarks.md");
        }
        return 0;
    }

    private static async Task<int> RunRawAsync(NpgsqlDataSource raw, string sql, ReportRange range)
    {
        await using var command = raw.CreateCommand(sql);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("f", DayStart(range.From));
        command.Parameters.AddWithValue("t", DayStart(range.To.AddDays(1)));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }
        return rows;
    }

    private static DateTimeOffset DayStart(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), DhakaTime.Offset).ToUniversalTime();

    /// <summary>One untimed warm-up, then <paramref name="runs"/> timed runs one after another (no concurrency).</summary>
    private static async Task<(List<double> Milliseconds, int Rows)> TimeAsync(Func<Task<int>> run, int runs)
    {
        var rows = await run();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (times, rows);
    }

    private static string Markdown(MachineInfo machine, int days, long events, TimeSpan generated, long folded, TimeSpan foldTime,
        List<(string Table, long Rows)> rollupRows, List<(string Report, Percentiles Rollup, Percentiles Raw, int Rows)> measured)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"## {BenchmarkDocument.Titles["reports"]}").AppendLine();
        text.AppendLine(c, $"{machine.Describe()}").AppendLine();
        text.AppendLine(c, $"`./bench.sh reports` generates {YearOfSales.Bookings(days):N0} bookings "
                           + $"({days} days × {YearOfSales.Coaches} coaches × {YearOfSales.BookingsPerTrip} bookings per trip) as {events:N0} events in "
                           + $"PostgreSQL with `generate_series` ({generated.TotalSeconds:F0} s), then folds them with the product's rollup "
                           + $"(`RollupStore`): {folded:N0} events in {foldTime.TotalSeconds:F0} s, {folded / foldTime.TotalSeconds:N0} events/s.");
        text.AppendLine().AppendLine("Rollup table sizes after the fold: "
                                     + string.Join(", ", rollupRows.Select(r => string.Create(c, $"`{r.Table}` {r.Rows:N0}"))) + ".");
        text.AppendLine().AppendLine(c, $"Each report covers the whole year (the API's longest range). **Rollups** is what `/api/reports/…` runs "
                                        + $"(`ReportQueries`, {RollupRuns} runs); **raw events** is the same report computed from the jsonb events log with "
                                        + $"its indexes ({RawRuns} runs). One warm-up each, runs one at a time, milliseconds.");
        text.AppendLine().AppendLine("| Report | Rows | Rollups p50 | Rollups p95 | Raw events p50 | Raw events p95 | Speed-up (p50) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (report, rollup, raw, rows) in measured)
        {
            text.AppendLine(c, $"| {report} | {rows:N0} | {rollup.P50:F1} | {rollup.P95:F1} | {raw.P50:F0} | {raw.P95:F0} | {raw.P50 / rollup.P50:F0}× |");
        }
        return text.ToString().TrimEnd('\n', '\r');
    }

    /// <summary>Replaces (or adds before the smoke section) only the reports section, leaving the other sections as they are.</summary>
    private static void WriteSection(string path, string markdown)
    {
        var text = File.ReadAllText(path);
        var block = $"<!-- section:reports -->\n{markdown}\n<!-- /section:reports -->";
        var existing = new Regex(@"<!-- section:reports -->\n.*?\n<!-- /section:reports -->", RegexOptions.Singleline);
        if (existing.IsMatch(text))
        {
            text = existing.Replace(text, block.Replace("$", "$$"));
        }
        else
        {
            var smoke = text.IndexOf("<!-- section:smoke -->", StringComparison.Ordinal);
            text = smoke >= 0 ? text.Insert(smoke, block + "\n\n") : text.TrimEnd('\n') + "\n\n" + block + "\n";
        }
        File.WriteAllText(path, text);
    }

    private sealed class PlainNames : IReportNames
    {
        public (string Code, string En, string Bn) Route(string routeId) => (routeId, routeId, routeId);

        public (string En, string Bn) Stop(string stopId) => (stopId, stopId);
    }

    private readonly record struct Percentiles(double P50, double P95)
    {
        public static Percentiles Of(List<double> values)
        {
            var sorted = values.Order().ToList();
            double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
            return new Percentiles(At(0.50), At(0.95));
        }
    }
}
