using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.WebFrontend.Admin;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Analytics;

/// <summary>
/// Ops reports under <c>/api/reports</c>: JSON by default, CSV with <c>?format=csv</c>. Every report takes
/// <c>from</c>/<c>to</c> (yyyy-MM-dd, inclusive, Asia/Dhaka days, at most 366 days; default the last 30 days).
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(AuthPolicies.Ops);
        reports.MapGet("/sales", GetSales).WithSummary("Bookings, seats and revenue by route and day of sale");
        reports.MapGet("/channels", GetChannels).WithSummary("Online versus counter sales");
        reports.MapGet("/trip-load", GetTripLoad).WithSummary("Load factor of each trip departing in the range");
        reports.MapGet("/leg-load", GetLegLoad).WithSummary("Load factor of each leg of each route");
        reports.MapGet("/conversion", GetConversion).WithSummary("Hold to purchase conversion and hold expiry rate by route");
        reports.MapGet("/peak-hours", GetPeakHours).WithSummary("Searches and hold attempts by hour of day (Asia/Dhaka)");
        reports.MapGet("/boarding-points", GetBoardingPoints).WithSummary("Boarding points by seats sold");
        reports.MapGet("/bookings", FindBookings).WithSummary("Bookings by PNR or passenger phone number");
        reports.MapGet("/cluster", ClusterAdmin.GetClusterStatus).WithSummary("Silos with their status and activations");
        reports.MapGet("/today", GetTodayTrips).WithSummary("Today's departures (Asia/Dhaka), for live occupancy");
        reports.MapGet("/info", GetInfo).WithSummary("Deployment mode and the Orleans Dashboard link");
        return app;
    }

    private static async Task<Results<Ok<ReportDto<SalesRow>>, FileContentHttpResult, ProblemHttpResult>> GetSales(
        string? from, string? to, string? format, ReportQueries reports, NetworkCache cache, TimeProvider time, CancellationToken ct)
    {
        if (Bind(from, to, format, time, out var range, out var csv) is { } invalid)
        {
            return invalid;
        }
        var names = new CatalogReportNames(await cache.GetAsync());
        return Respond("sales", range, await reports.SalesAsync(range, names, ct), csv);
    }

    private static async Task<Results<Ok<ReportDto<ChannelRow>>, FileContentHttpResult, ProblemHttpResult>> GetChannels(
        string? from, string? to, string? format, ReportQueries reports, TimeProvider time, CancellationToken ct) =>
        Bind(from, to, format, time, out var range, out var csv) is { } invalid
            ? invalid
            : Respond("channels", range, await reports.ChannelsAsync(range, ct), csv);

    private static async Task<Results<Ok<ReportDto<TripLoadRow>>, FileContentHttpResult, ProblemHttpResult>> GetTripLoad(
        string? from, string? to, string? format, ReportQueries reports, TimeProvider time, CancellationToken ct) =>
        Bind(from, to, format, time, out var range, out var csv) is { } invalid
            ? invalid
            : Respond("trip-load", range, await reports.TripLoadAsync(range, ct), csv);

    private static async Task<Results<Ok<ReportDto<LegLoadRow>>, FileContentHttpResult, ProblemHttpResult>> GetLegLoad(
        string? from, string? to, string? format, ReportQueries reports, NetworkCache cache, TimeProvider time, CancellationToken ct)
    {
        if (Bind(from, to, format, time, out var range, out var csv) is { } invalid)
        {
            return invalid;
        }
        var names = new CatalogReportNames(await cache.GetAsync());
        return Respond("leg-load", range, await reports.LegLoadAsync(range, names, ct), csv);
    }

    private static async Task<Results<Ok<ReportDto<ConversionRow>>, FileContentHttpResult, ProblemHttpResult>> GetConversion(
        string? from, string? to, string? format, ReportQueries reports, NetworkCache cache, TimeProvider time, CancellationToken ct)
    {
        if (Bind(from, to, format, time, out var range, out var csv) is { } invalid)
        {
            return invalid;
        }
        var names = new CatalogReportNames(await cache.GetAsync());
        return Respond("conversion", range, await reports.ConversionAsync(range, names, ct), csv);
    }

    private static async Task<Results<Ok<ReportDto<HourRow>>, FileContentHttpResult, ProblemHttpResult>> GetPeakHours(
        string? from, string? to, string? format, ReportQueries reports, TimeProvider time, CancellationToken ct) =>
        Bind(from, to, format, time, out var range, out var csv) is { } invalid
            ? invalid
            : Respond("peak-hours", range, await reports.PeakHoursAsync(range, ct), csv);

    private static async Task<Results<Ok<ReportDto<BoardingRow>>, FileContentHttpResult, ProblemHttpResult>> GetBoardingPoints(
        string? from, string? to, string? format, int? top, ReportQueries reports, NetworkCache cache, TimeProvider time, CancellationToken ct)
    {
        if (Bind(from, to, format, time, out var range, out var csv) is { } invalid)
        {
            return invalid;
        }
        if (top is < 1 or > 100)
        {
            return ApiProblems.Invalid("'top' must be between 1 and 100.", "invalid-report-top");
        }
        var names = new CatalogReportNames(await cache.GetAsync());
        return Respond("boarding-points", range, await reports.BoardingPointsAsync(range, top ?? 10, names, ct), csv);
    }

    private static async Task<Results<Ok<List<BookingHitDto>>, ProblemHttpResult>> FindBookings(string? q, BookingSearch search, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 40)
        {
            return ApiProblems.Invalid("'q' must be a PNR or a phone number.", "invalid-booking-query");
        }
        var hits = await search.FindAsync(q, ct);
        return TypedResults.Ok(hits.Select(b => new BookingHitDto(b.Pnr, b.TripId, b.RouteCode, b.FromStop, b.ToStop, b.Departure,
            b.Status, b.Channel, b.Seats, b.Total, b.Phone is null ? null : PhoneNumber.Tail(b.Phone))).ToList());
    }

    private static async Task<Ok<List<TodayTripDto>>> GetTodayTrips(IGrainFactory grains, TimeProvider time)
    {
        var departures = await grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(ServiceDay.Of(time.GetUtcNow()))).GetDeparturesAsync();
        return TypedResults.Ok(departures
            .Select(d => d.Trip)
            .OrderBy(t => t.Departure).ThenBy(t => t.TripId)
            .Select(t => new TodayTripDto(t.TripId, t.RouteCode, t.RouteNameEn, t.RouteNameBn, t.Departure, t.Stops[0].StopId,
                t.Stops[^1].StopId, t.Stops.Select(s => s.StopId).ToList(), t.Layout.Seats.Count))
            .ToList());
    }

    private static Ok<DashboardInfoDto> GetInfo(IConfiguration configuration, IOptions<AnalyticsOptions> options, TimeProvider time) =>
        TypedResults.Ok(new DashboardInfoDto(configuration.IsEmbedded() ? "Embedded" : "Cluster",
            configuration.IsEmbedded() ? null : options.Value.OrleansDashboardUrl, DhakaTime.Today(time)));

    /// <summary>The range and format of a report request, or the problem with them.</summary>
    private static ProblemHttpResult? Bind(string? from, string? to, string? format, TimeProvider time, out ReportRange range, out bool csv)
    {
        range = null!;
        csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.IsNullOrEmpty(format) && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Invalid("'format' must be json or csv.", "invalid-report-format");
        }
        if (ReportRange.Parse(from, to, DhakaTime.Today(time), out var error) is not { } parsed)
        {
            return ApiProblems.Invalid(error!, "invalid-report-range");
        }
        range = parsed;
        return null;
    }

    private static Results<Ok<ReportDto<T>>, FileContentHttpResult, ProblemHttpResult> Respond<T>(string name, ReportRange range, List<T> rows, bool csv) =>
        csv
            ? TypedResults.File(Csv.ToUtf8(rows), "text/csv; charset=utf-8", $"{name}-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}.csv")
            : TypedResults.Ok(new ReportDto<T>(range.From, range.To, rows));
}
