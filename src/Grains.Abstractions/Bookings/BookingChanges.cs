using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// What changes have done to a booking: the issue number of its current ticket (1 for the original; every change that
/// alters the ticket reissues it, and a QR of an older issue verifies as superseded), a trip change waiting for its
/// payment, and money owed back by changes (each refunded through the provider under its own key).
/// <paramref name="FeesPaid"/>: the change fees paid so far (whole taka), on top of the fare in the booking's total.
/// </summary>
[GenerateSerializer, Immutable, Alias("BookingChanges")]
public sealed record BookingChanges(
    [property: Id(0)] int TicketIssue,
    [property: Id(1)] PendingTripChange? Pending,
    [property: Id(2)] IReadOnlyList<ChangeRefund> Refunds,
    [property: Id(3)] string? CompletedRequestId = null,
    [property: Id(10)] int FeesPaid = 0)
{
    public static readonly BookingChanges None = new(1, null, []);

    /// <summary>Change refunds the provider has not confirmed yet.</summary>
    public IEnumerable<ChangeRefund> Outstanding => Refunds.Where(r => !r.Completed && r.Amount > 0);
}

/// <summary>
/// A trip/date change under way: seats <paramref name="Seats"/> are held on <paramref name="TripId"/> (hold
/// <paramref name="HoldId"/>) until the difference (<see cref="TripChangeQuote.AmountDue"/>, whole taka: new fare + fee − old
/// fare) is paid under <paramref name="PaymentReference"/>. <paramref name="RequestId"/> is the caller's retry key.
/// </summary>
[GenerateSerializer, Immutable, Alias("PendingTripChange")]
public sealed record PendingTripChange(
    [property: Id(0)] Guid ChangeId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string TripId,
    [property: Id(3)] Guid HoldId,
    [property: Id(4)] IReadOnlyList<string> Seats,
    [property: Id(5)] TripChangeQuote Quote,
    [property: Id(6)] DateTimeOffset HoldExpiresAt,
    [property: Id(7)] string? PaymentReference,
    [property: Id(8)] string? ClientSecret,
    [property: Id(9)] string Actor);

/// <summary>
/// The money of moving to <paramref name="TripId"/>: the new total fare, the fee, and the difference
/// <paramref name="AmountDue"/> = new total + fee − current total (negative: that much is refunded), all whole taka.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripChangeQuote")]
public sealed record TripChangeQuote(
    [property: Id(0)] string TripId,
    [property: Id(1)] DateTimeOffset Departure,
    [property: Id(2)] int FarePerSeat,
    [property: Id(3)] int NewTotal,
    [property: Id(4)] int CurrentTotal,
    [property: Id(5)] int Fee,
    [property: Id(6)] int AmountDue);

/// <summary>
/// Money a change owes back: <paramref name="Amount"/> in taka (exact to the poisha), refunded with idempotency key
/// <paramref name="Key"/>; <paramref name="Completed"/> once the provider confirmed it (<paramref name="Reference"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ChangeRefund")]
public sealed record ChangeRefund(
    [property: Id(0)] string Key,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Reason,
    [property: Id(3)] bool Completed,
    [property: Id(4)] string? Reference);

/// <summary>The result of a trip-change quote: the quote, or why the booking cannot move there.</summary>
[GenerateSerializer, Immutable, Alias("TripChangeQuoteResult")]
public sealed record TripChangeQuoteResult(
    [property: Id(0)] TripChangeQuote? Quote,
    [property: Id(1)] BookingFailure? Failure,
    [property: Id(2)] TripFailure? TripFailure);

/// <summary>The result of a change: the booking afterwards, or why nothing changed (a booking or a trip refusal).</summary>
[GenerateSerializer, Immutable, Alias("ChangeResult")]
public sealed record ChangeResult(
    [property: Id(0)] BookingView? Booking,
    [property: Id(1)] BookingFailure? Failure,
    [property: Id(2)] TripFailure? TripFailure)
{
    public static ChangeResult Fail(BookingErrorCode code, string detail) => new(null, new BookingFailure(code, detail), null);
}
