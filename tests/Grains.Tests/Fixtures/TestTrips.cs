using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>A Dhaka → Jashore → Benapole → Kolkata trip departing at a fixed time, for tests.</summary>
public static class TestTrips
{
    public const string Dhaka = "dhaka-kalyanpur";
    public const string Jashore = "jashore";
    public const string Benapole = "benapole";
    public const string Kolkata = "kolkata-marquis-street";

    public static readonly DateTimeOffset Departure = new(2026, 12, 20, 22, 30, 0, ServiceDay.DhakaOffset);

    public static TripDefinition Kolkata40(string tripId = "DHK-KOL-20261220-2230", int rows = 10) => new(
        tripId, "dhk-kol", "DHK-KOL", "Dhaka – Kolkata", "ঢাকা – কলকাতা", "coach-01", "Dhaka Metro Ba-15-4101",
        CoachClass.AcEconomy, SeatLayouts.Grid("T", "Test", rows, 2, 2),
        [
            new TripStop(Dhaka, Departure),
            new TripStop(Jashore, Departure.AddMinutes(270)),
            new TripStop(Benapole, Departure.AddMinutes(360)),
            new TripStop(Kolkata, Departure.AddMinutes(600)),
        ],
        [1000, 250, 1100],
        TimeSpan.FromMinutes(30));

    public static TripState NewState(TripDefinition? definition = null) => new() { Definition = definition ?? Kolkata40() };

    public static readonly string[] StopOrder = [Dhaka, Jashore, Benapole, Kolkata];
}
