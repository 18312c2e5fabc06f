namespace DiuParibahan.Grains.Bookings;

/// <summary>Why a booking operation did not happen; nothing was changed.</summary>
[GenerateSerializer, Immutable, Alias("BookingFailure")]
public sealed record BookingFailure(
    [property: Id(0)] BookingErrorCode Code,
    [property: Id(1)] string Detail);
