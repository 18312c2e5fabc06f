using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Trips;

/// <summary>The gender of the passenger sold <paramref name="Seat"/>: all the live map ever learns about who sits there.</summary>
[GenerateSerializer, Immutable, Alias("SeatGender")]
public sealed record SeatGender(
    [property: Id(0)] string Seat,
    [property: Id(1)] Gender Gender);
