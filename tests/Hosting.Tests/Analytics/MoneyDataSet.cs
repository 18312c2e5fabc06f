using System.Text.Json;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Events;

namespace DiuParibahan.Hosting.Tests.Analytics;

/// <summary>
/// One online booking's life as the trips and the booking log it: booked on the 10th (2 seats, 1,600), moved the same
/// day to a dearer departure (2,000 + 100 fee: 500 more), one traveller dropped on the 11th (750 back) and the rest
/// cancelled an hour later (500 back, then refunded by the provider).
/// </summary>
public static class MoneyDataSet
{
    public const string FirstTrip = "DHK-KHL-20260310-2200";
    public const string SecondTrip = "DHK-KHL-20260312-2200";
    public const string Pnr = "DP-M1CCCC";

    public static IReadOnlyList<DomainEvent> Events =>
    [
        Trip(At(10, 9, 0), TripActivityKinds.Sold, FirstTrip, 2, 1600),
        Booking(At(10, 9, 0), "booking.confirmed", FirstTrip, 2, 1600, 1600),
        Trip(At(10, 12, 0), TripActivityKinds.Sold, SecondTrip, 2, 2000),
        Trip(At(10, 12, 0), TripActivityKinds.SaleCancelled, FirstTrip, 2, 1600),
        Booking(At(10, 12, 0), "booking.trip-changed", SecondTrip, 2, 2000, 500),
        Booking(At(11, 8, 0), "booking.passenger-cancelled", SecondTrip, 1, 1000, 750),
        Trip(At(11, 9, 0), TripActivityKinds.SaleCancelled, SecondTrip, 1, 1000),
        Booking(At(11, 9, 0), "booking.cancelled", SecondTrip, 1, 1000, 500),
        Booking(At(11, 9, 5), "booking.refunded", SecondTrip, 1, 1000, null),
    ];

    public static DateTimeOffset At(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, DhakaTime.Offset);

    private static DomainEvent Trip(DateTimeOffset at, string kind, string tripId, int seats, int amount) =>
        new(at, kind, tripId, Pnr, null, JsonSerializer.Serialize(
            new TripEventPayload(AnalyticsDataSet.RouteId, "DHK-KHL", at.Date.AddHours(22), 40, ["A", "B", "C"], 0, 2, seats, amount, "Online",
                null, null), EventJson.Options));

    private static DomainEvent Booking(DateTimeOffset at, string kind, string tripId, int seats, int total, decimal? amount) =>
        new(at, kind, tripId, Pnr, "system", JsonSerializer.Serialize(
            new BookingEventPayload("Confirmed", kind, "DHK-KHL", "Dhaka – Khulna", "ঢাকা – খুলনা", "Online", seats, 1000, total,
                "A", "C", at.Date.AddHours(22), AnalyticsDataSet.Phone, amount), EventJson.Options));

    /// <summary>The sum of the amounts the booking events carry for <paramref name="kinds"/>.</summary>
    public static decimal Sum(params string[] kinds) => Events
        .Where(e => kinds.Contains(e.Kind))
        .Sum(e => JsonSerializer.Deserialize<BookingEventPayload>(e.PayloadJson, EventJson.Options)!.Amount ?? 0);
}
