using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Events;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiuParibahan.Hosting.Tests.Analytics;

/// <summary>
/// The rollup and the reports on a real database, against figures worked out by hand from <see cref="AnalyticsDataSet"/>.
/// The derived classes pick SQLite or PostgreSQL.
/// </summary>
public abstract class RollupReportTests : IAsyncLifetime
{
    private static readonly ReportRange BothDays = new(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11));
    private static readonly FixedReportNames Names = new();
    private TestDatabase _database = null!;
    private SqlEventStore _events = null!;
    private AppDatabase _db = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await SchemaMigrator.MigrateAsync(_database.Provider, _database.ConnectionString, Ct);
        _events = SqlEventStore.Create(_database.Provider, _database.ConnectionString);
        _db = _database is SqliteTestDatabase sqlite ? AppDatabase.ForSqliteFile(sqlite.FilePath) : AppDatabase.ForPostgres(_database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    private RollupStore Rollup() => new(_db, TimeProvider.System, NullLogger<RollupStore>.Instance);

    [Fact]
    public async Task Reports_MatchHandComputedFigures()
    {
        await _events.AppendAsync([.. AnalyticsDataSet.FirstPart, .. AnalyticsDataSet.SecondPart], Ct);
        Assert.Equal(12, await Rollup().CatchUpAsync(cancellationToken: Ct));
        var reports = new ReportQueries(_db);

        var sales = await reports.SalesAsync(BothDays, Names, Ct);
        Assert.Equal(
            [
                new SalesRow(new DateOnly(2026, 3, 10), AnalyticsDataSet.RouteId, "DHK-KHL", "Dhaka – Khulna", "ঢাকা – খুলনা", 2, 5, 3100, 0, 0, 3100, 0, 0),
                new SalesRow(new DateOnly(2026, 3, 11), AnalyticsDataSet.RouteId, "DHK-KHL", "Dhaka – Khulna", "ঢাকা – খুলনা", 0, 0, 0, 1, 0, 0, 0, 0),
            ], sales);

        Assert.Equal(
            [new ChannelRow("Counter", 1, 3, 1500, 0.4839, 0, 1500, 0, 0), new ChannelRow("Online", 1, 2, 1600, 0.5161, 0, 1600, 0, 0)],
            await reports.ChannelsAsync(BothDays, Ct));

        // Leg A→B: 2 (online) + 3 (counter) − 3 (cancelled) = 2; leg B→C: 2. (2 + 2) / (40 × 2) = 0.05.
        var trip = Assert.Single(await reports.TripLoadAsync(BothDays, Ct));
        Assert.Equal((AnalyticsDataSet.TripId, 40, 2, 4L, 0.05, 0.05), (trip.TripId, trip.Capacity, trip.Legs, trip.SeatLegsSold, trip.LoadFactor, trip.PeakLegLoad));
        Assert.Equal(AnalyticsDataSet.At(10, 22, 0), trip.Departure);

        var legs = await reports.LegLoadAsync(BothDays, Names, Ct);
        Assert.Equal([("A", "B", 2L, 40L, 0.05), ("B", "C", 2L, 40L, 0.05)], legs.Select(l => (l.FromStop, l.ToStop, l.SeatsSold, l.SeatCapacity, l.LoadFactor)));
        Assert.Equal("স্টপ A", legs[0].FromNameBn);

        // Holds H1, H2, H3 created; H1 paid, H2 expired, H3 released, one attempt refused.
        Assert.Equal([new ConversionRow(AnalyticsDataSet.RouteId, "DHK-KHL", 3, 1, 1, 1, 1, 0.3333, 0.3333)],
            await reports.ConversionAsync(BothDays, Names, Ct));

        var hours = await reports.PeakHoursAsync(BothDays, Ct);
        Assert.Equal(24, hours.Count);
        Assert.Equal(new HourRow(9, 2, 3), hours[9]);
        Assert.Equal(new HourRow(0, 0, 1), hours[0]);
        Assert.Equal(6, hours.Sum(h => h.Searches + h.Holds));

        Assert.Equal([new BoardingRow("A", "A", "স্টপ A", 2, 5)], await reports.BoardingPointsAsync(BothDays, 10, Names, Ct));

        var found = Assert.Single(await new BookingSearch(_db).FindAsync("017-1234 5678", Ct));
        Assert.Equal(("DP-P1AAAA", "Confirmed", 1600, "A"), (found.Pnr, found.Status, found.Total, found.FromStop));
        Assert.Single(await new BookingSearch(_db).FindAsync("dp-p1aaaa", Ct));
        Assert.Empty(await new BookingSearch(_db).FindAsync("01812345678", Ct));
    }

    [Fact]
    public async Task Sales_WithAChangeAPartCancellationAndARefund_CountTheChangeOnceAndReconcileWithTheBookingEvents()
    {
        await _events.AppendAsync(MoneyDataSet.Events, Ct);
        await Rollup().CatchUpAsync(cancellationToken: Ct);
        var reports = new ReportQueries(_db);

        var sales = await reports.SalesAsync(BothDays, Names, Ct);
        var gross = MoneyDataSet.Sum("booking.confirmed");
        var changes = MoneyDataSet.Sum("booking.trip-changed");
        var refunds = MoneyDataSet.Sum("booking.cancelled", "booking.trip-cancelled", "booking.passenger-cancelled");

        // One booking, one change (not a second booking), one cancellation (the change's release of the old seats is not one).
        Assert.Equal((1L, 1L, 1L), (sales.Sum(s => s.Bookings), sales.Sum(s => s.Changes), sales.Sum(s => s.Cancellations)));
        Assert.Equal((gross, changes, refunds), (sales.Sum(s => s.Gross), sales.Sum(s => s.ChangeDifference), sales.Sum(s => s.Refunds)));
        Assert.Equal((1600m, 500m, 1250m), (gross, changes, refunds));
        Assert.Equal(gross + changes - refunds, sales.Sum(s => s.Revenue));
        Assert.Equal([2100m, -1250m], sales.Select(s => s.Revenue));
        Assert.Equal(2, sales[0].Seats);

        var online = Assert.Single(await reports.ChannelsAsync(BothDays, Ct));
        Assert.Equal(("Online", 1L, 1L, 1600m, 1250m, 500m, 850m), (online.Channel, online.Bookings, online.Changes, online.Gross, online.Refunds,
            online.ChangeDifference, online.Revenue));
    }

    [Fact]
    public async Task DateRange_LimitsRowsToItsDays()
    {
        await _events.AppendAsync([.. AnalyticsDataSet.FirstPart, .. AnalyticsDataSet.SecondPart], Ct);
        await Rollup().CatchUpAsync(cancellationToken: Ct);
        var reports = new ReportQueries(_db);
        var secondDay = new ReportRange(new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 11));

        Assert.Equal([new DateOnly(2026, 3, 11)], (await reports.SalesAsync(secondDay, Names, Ct)).Select(s => s.Day));
        Assert.Empty(await reports.TripLoadAsync(secondDay, Ct));
        Assert.Equal(1, (await reports.PeakHoursAsync(secondDay, Ct)).Sum(h => h.Holds));
    }

    [Fact]
    public async Task Rollup_RunTwice_CountsEachEventOnce()
    {
        await _events.AppendAsync(AnalyticsDataSet.FirstPart, Ct);
        Assert.Equal(11, await Rollup().CatchUpAsync(cancellationToken: Ct));
        Assert.Equal(0, await Rollup().CatchUpAsync(cancellationToken: Ct));
        // Two folds racing (two frontends) still count once.
        await _events.AppendAsync(AnalyticsDataSet.SecondPart, Ct);
        var folded = await Task.WhenAll(Rollup().CatchUpAsync(cancellationToken: Ct), Rollup().CatchUpAsync(cancellationToken: Ct));
        Assert.Equal(1, folded.Sum());

        var sales = await new ReportQueries(_db).SalesAsync(BothDays, Names, Ct);
        Assert.Equal((2L, 5L, 3100m), (sales[0].Bookings, sales[0].Seats, sales[0].Revenue));
    }

    [Fact]
    public async Task Rollup_FoldsOnlyNewEvents_InSmallBatches()
    {
        await _events.AppendAsync(AnalyticsDataSet.FirstPart, Ct);
        Assert.Equal(11, await Rollup().CatchUpAsync(batchSize: 3, cancellationToken: Ct));
        var reports = new ReportQueries(_db);
        // Before the cancellation: A→B 5, B→C 2 → (5 + 2) / 80 = 0.0875, fullest leg 5 / 40.
        var before = Assert.Single(await reports.TripLoadAsync(BothDays, Ct));
        Assert.Equal((7L, 0.0875, 0.125), (before.SeatLegsSold, before.LoadFactor, before.PeakLegLoad));

        await _events.AppendAsync(AnalyticsDataSet.SecondPart, Ct);
        Assert.Equal(1, await Rollup().CatchUpAsync(batchSize: 3, cancellationToken: Ct));
        var after = Assert.Single(await reports.TripLoadAsync(BothDays, Ct));
        Assert.Equal((4L, 0.05, 0.05), (after.SeatLegsSold, after.LoadFactor, after.PeakLegLoad));
    }

    [Fact]
    public async Task Rollup_SkipsUnreadablePayloads_AndCarriesOn()
    {
        await _events.AppendAsync([new DomainEvent(AnalyticsDataSet.At(10, 9, 0), "trip.sold", AnalyticsDataSet.TripId, null, null, """{"status":"old"}""")], Ct);
        await _events.AppendAsync(AnalyticsDataSet.FirstPart, Ct);
        Assert.Equal(12, await Rollup().CatchUpAsync(cancellationToken: Ct));
        Assert.Equal(2, (await new ReportQueries(_db).SalesAsync(BothDays, Names, Ct)).Single().Bookings);
    }
}

public sealed class SqliteRollupReportTests : RollupReportTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresRollupReportTests(PostgresServer server) : RollupReportTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}
