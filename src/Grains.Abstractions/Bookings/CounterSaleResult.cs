using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// The result of a counter sale: the confirmed booking, or why not — a booking failure (passengers, PNR) or the trip's
/// own refusal (seats taken, with the conflicting seats; unknown stop; sales closed) passed through unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("CounterSaleResult")]
public sealed record CounterSaleResult(
    [property: Id(0)] BookingView? Booking,
    [property: Id(1)] BookingFailure? Failure,
    [property: Id(2)] TripFailure? TripFailure);
