namespace DiuParibahan.Grains.Trips;

/// <summary>
/// Hold <paramref name="Seats"/> from stop <paramref name="From"/> to stop <paramref name="To"/>, all or nothing.
/// <paramref name="RequestId"/> makes the call idempotent per owner: a repeat returns the first result.
/// <paramref name="Phone"/> is the verified mobile number (<c>+8801XXXXXXXXX</c>) the hold counts against for the
/// per-phone quotas, cool-off and blocks; null for staff, who are not bound by passenger quotas.
/// </summary>
[GenerateSerializer, Immutable, Alias("HoldSeats")]
public sealed record HoldSeats(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] IReadOnlyList<string> Seats,
    [property: Id(2)] string From,
    [property: Id(3)] string To,
    [property: Id(4)] string RequestId,
    [property: Id(5)] SalesChannel Channel,
    [property: Id(6)] string? Phone = null);

/// <summary>
/// Sell seats directly (counter cash sale) without a prior hold. Idempotent by <paramref name="RequestId"/> per owner.
/// <paramref name="BookingRef"/> names the booking the seats belong to; <paramref name="Genders"/> the passengers' genders
/// by seat, shown on the live map (null or missing seats: no marker). <paramref name="CounterSeatCap"/>, for counter
/// sales on a trip of a sale window that caps them, is the most seats counters may have sold on the trip with this sale
/// included (<see cref="TripErrorCode.CounterQuotaReached"/> over it); null: no cap.
/// </summary>
[GenerateSerializer, Immutable, Alias("SellSeats")]
public sealed record SellSeats(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] IReadOnlyList<string> Seats,
    [property: Id(2)] string From,
    [property: Id(3)] string To,
    [property: Id(4)] string RequestId,
    [property: Id(5)] SalesChannel Channel,
    [property: Id(6)] string BookingRef,
    [property: Id(7)] IReadOnlyList<SeatGender>? Genders = null,
    [property: Id(8)] int? CounterSeatCap = null);

/// <summary>Block or unblock seats on a leg interval (staff seat, broken seat). Blocks need no owner.</summary>
[GenerateSerializer, Immutable, Alias("BlockSeats")]
public sealed record BlockSeats(
    [property: Id(0)] IReadOnlyList<string> Seats,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string Reason);

/// <summary>
/// Move sale <paramref name="SaleId"/> from seats <paramref name="Release"/> to <paramref name="Take"/> (pairwise, on
/// the sale's leg) in one step.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChangeSaleSeats")]
public sealed record ChangeSaleSeats(
    [property: Id(0)] Guid SaleId,
    [property: Id(1)] IReadOnlyList<string> Release,
    [property: Id(2)] IReadOnlyList<string> Take);
