namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Changes to a confirmed booking (same grain as <see cref="IBookingGrain"/>, keyed by PNR). Each change is stored
/// before it is acknowledged, recorded as a <c>booking.*</c> event naming who did it, what changed and the money, and
/// reissues the ticket. Refused changes (cut-off passed, seats taken, cancelled or departed booking) change nothing.
/// Like payments, the grain never calls the payment provider: money owed back appears in
/// <see cref="BookingChanges.Refunds"/> until <see cref="ChangeRefundCompletedAsync"/> is reported, and a trip change
/// that costs more waits in <see cref="BookingChanges.Pending"/> until its payment is reported.
/// </summary>
[Alias("DiuParibahan.IBookingChangesGrain")]
public interface IBookingChangesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Moves the passengers to <paramref name="seats"/> (in passenger order) on the same trip: the trip swaps the seats
    /// in one step. Same trip and leg, so the fare does not change. Idempotent: asking for the current seats is a no-op.
    /// </summary>
    [Alias("ChangeSeats")]
    Task<ChangeResult> ChangeSeatsAsync(IReadOnlyList<string> seats, string actor);

    /// <summary>What moving to trip <paramref name="tripId"/> (same route, any date) would cost or refund.</summary>
    [Alias("QuoteTripChange")]
    Task<TripChangeQuoteResult> QuoteTripChangeAsync(string tripId);

    /// <summary>
    /// Starts moving to <paramref name="tripId"/> on <paramref name="seats"/>: holds them there. When nothing is due
    /// the change completes at once (any difference becomes a refund owed); otherwise it waits in
    /// <see cref="BookingChanges.Pending"/> for <see cref="ChangePaymentStartedAsync"/> and the payment's outcome.
    /// Idempotent by <paramref name="requestId"/>.
    /// </summary>
    [Alias("BeginTripChange")]
    Task<ChangeResult> BeginTripChangeAsync(string tripId, IReadOnlyList<string> seats, string requestId, string actor);

    /// <summary>The provider created the payment of the pending change; its hold is extended once to <paramref name="holdUntil"/>.</summary>
    [Alias("ChangePaymentStarted")]
    Task<ChangeResult> ChangePaymentStartedAsync(string reference, string? clientSecret, DateTimeOffset holdUntil);

    /// <summary>
    /// The pending change's payment succeeded: the new seats are confirmed, the old ones released, the ticket reissued.
    /// If the held seats are gone and cannot be taken again, the booking stays as it was and the payment is owed back.
    /// </summary>
    [Alias("ChangePaymentSucceeded")]
    Task<ChangeResult> ChangePaymentSucceededAsync(string reference);

    /// <summary>The pending change's payment failed (or the payer gave up): its hold is released, the booking unchanged.</summary>
    [Alias("AbandonTripChange")]
    Task<ChangeResult> AbandonTripChangeAsync(string? reference);

    /// <summary>Corrects the name, phone or gender of the passenger on <paramref name="seat"/> before the correction cut-off.</summary>
    [Alias("CorrectPassenger")]
    Task<ChangeResult> CorrectPassengerAsync(string seat, PassengerInput passenger, string actor);

    /// <summary>
    /// Cancels the passenger on <paramref name="seat"/> of a booking with more than one: that seat is freed and the
    /// refund policy applied to that passenger's fare becomes owed.
    /// </summary>
    [Alias("CancelPassenger")]
    Task<ChangeResult> CancelPassengerAsync(string seat, string actor);

    /// <summary>The provider refunded the change refund <paramref name="key"/>. Duplicates change nothing.</summary>
    [Alias("ChangeRefundCompleted")]
    Task<ChangeResult> ChangeRefundCompletedAsync(string key, string reference);
}
