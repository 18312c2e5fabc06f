namespace DiuParibahan.Grains.Trips;

/// <summary>The <c>trip.*</c> event kinds a trip records; reports group by them, so they never change.</summary>
public static class TripActivityKinds
{
    public const string HoldCreated = "trip.hold-created";
    public const string HoldRejected = "trip.hold-rejected";
    public const string HoldReleased = "trip.hold-released";
    public const string HoldExpired = "trip.hold-expired";
    public const string Sold = "trip.sold";
    public const string SaleCancelled = "trip.sale-cancelled";
}
