using System.Text.Json;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Events;

namespace DiuParibahan.Hosting.Tests.Analytics;

/// <summary>
/// A small fixed history on one trip, DHK-KHL-20260310-2200 (stops A → B → C, 40 seats, departing 10 March 22:00
/// Dhaka), whose report figures are worked out by hand in <see cref="RollupReportTests"/>. Times are Asia/Dhaka (+06:00).
/// </summary>
public static class AnalyticsDataSet
{
    public const string TripId = "DHK-KHL-20260310-2200";
    public const string RouteId = "dhaka-khulna";
    public const string Phone = "+8801712345678";
    public static readonly Guid H1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    public static readonly Guid H2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    public static readonly Guid H3 = Guid.Parse("00000000-0000-0000-0000-000000000003");
    private static readonly DateTimeOffset Departure = At(10, 22, 0);

    /// <summary>Everything up to the release of H3 (10 events).</summary>
    public static IReadOnlyList<DomainEvent> FirstPart =>
    [
        Search(At(10, 9, 15)),
        Search(At(10, 9, 20)),
        Trip(At(10, 9, 30), TripActivityKinds.HoldCreated, H1, null, 2, 0, 2, 1600, "Online"),
        Trip(At(10, 9, 31), TripActivityKinds.HoldCreated, H2, null, 1, 1, 2, 500, "Online"),
        Trip(At(10, 9, 32), TripActivityKinds.HoldRejected, null, null, 1, 0, 2, 0, "Online", "SeatsUnavailable"),
        Trip(At(10, 9, 40), TripActivityKinds.Sold, H1, "DP-P1AAAA", 2, 0, 2, 1600, "Online"),
        Booking(At(10, 9, 40), "DP-P1AAAA"),
        Trip(At(10, 10, 0), TripActivityKinds.HoldExpired, H2, null, 1, 1, 2, 500, "Online"),
        Trip(At(10, 10, 5), TripActivityKinds.Sold, null, "DP-P2BBBB", 3, 0, 1, 1500, "Counter"),
        Trip(At(11, 0, 30), TripActivityKinds.HoldCreated, H3, null, 1, 1, 2, 500, "Online"),
        Trip(At(11, 0, 40), TripActivityKinds.HoldReleased, H3, null, 1, 1, 2, 500, "Online"),
    ];

    /// <summary>The counter sale is cancelled the next morning.</summary>
    public static IReadOnlyList<DomainEvent> SecondPart =>
    [
        Trip(At(11, 8, 0), TripActivityKinds.SaleCancelled, null, "DP-P2BBBB", 3, 0, 1, 1500, "Counter"),
    ];

    public static DateTimeOffset At(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DhakaTime.Offset);

    private static DomainEvent Search(DateTimeOffset at) =>
        new(at, AnalyticsFold.SearchKind, null, null, null,
            JsonSerializer.Serialize(new SearchEventPayload("A", "C", DateOnly.FromDateTime(at.Date)), EventJson.Options));

    private static DomainEvent Trip(DateTimeOffset at, string kind, Guid? hold, string? pnr, int seats, int from, int to, int amount,
        string channel, string? reason = null) =>
        new(at, kind, TripId, pnr, null, JsonSerializer.Serialize(
            new TripEventPayload(RouteId, "DHK-KHL", Departure, 40, ["A", "B", "C"], from, to, seats, amount, channel, hold, reason),
            EventJson.Options));

    private static DomainEvent Booking(DateTimeOffset at, string pnr) =>
        new(at, "booking.confirmed", TripId, pnr, "system", JsonSerializer.Serialize(
            new BookingEventPayload("Confirmed", "Payment received.", "DHK-KHL", "Dhaka – Khulna", "ঢাকা – খুলনা", "Online", 2, 800, 1600,
                "A", "C", Departure, Phone), EventJson.Options));
}
