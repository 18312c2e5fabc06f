namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// A passenger's passport for a cross-border trip: <paramref name="Number"/> as printed (personal data: never logged),
/// <paramref name="Nationality"/> an ISO 3166-1 alpha-3 code (<c>BGD</c>, <c>IND</c>), <paramref name="Expiry"/> the
/// last day it is valid.
/// </summary>
[GenerateSerializer, Immutable, Alias("Passport")]
public sealed record Passport(
    [property: Id(0)] string Number,
    [property: Id(1)] string Nationality,
    [property: Id(2)] DateOnly Expiry);
