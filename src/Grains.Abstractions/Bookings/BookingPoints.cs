namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Where a passenger gets on or off: point <paramref name="Id"/> of stop <paramref name="StopId"/>, and
/// <paramref name="At"/>: for boarding the reporting time (before the coach leaves), for dropping the arrival.
/// </summary>
[GenerateSerializer, Immutable, Alias("BookingPoint")]
public sealed record BookingPoint(
    [property: Id(0)] string Id,
    [property: Id(1)] string StopId,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string NameBn,
    [property: Id(4)] DateTimeOffset At);

/// <summary>The boarding and dropping point a booking was made with (copied from the catalog when booked).</summary>
[GenerateSerializer, Immutable, Alias("BookingPoints")]
public sealed record BookingPoints(
    [property: Id(0)] BookingPoint Boarding,
    [property: Id(1)] BookingPoint Dropping);
