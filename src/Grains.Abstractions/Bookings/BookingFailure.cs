namespace DiuParibahan.Grains.Bookings;

/// <summary>Why a booking operation did not happen; nothing was changed. <paramref name="Seats"/> names the seats at fault, if any.</summary>
[GenerateSerializer, Immutable, Alias("BookingFailure")]
public sealed record BookingFailure(
    [property: Id(0)] BookingErrorCode Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] IReadOnlyList<string>? Seats = null);
