namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// One booking and its payment lifecycle, keyed by PNR (e.g. <c>DP-7K3M9Q</c>). Every transition is stored before it
/// is acknowledged and recorded as a <c>booking.*</c> event. Payment notifications are idempotent: a duplicate or
/// out-of-order one returns the booking unchanged. The grain never calls a payment provider: when money is owed back
/// it says so (<see cref="BookingView.RefundOutstanding"/>) and the caller refunds through the provider with the
/// booking's idempotency key, then reports <see cref="RefundCompletedAsync"/>.
/// </summary>
[Alias("DiuParibahan.IBookingGrain")]
public interface IBookingGrain : IGrainWithStringKey
{
    /// <summary>Creates the booking from a live hold the owner holds; fails with a code if the hold or passengers are wrong.</summary>
    [Alias("Create")]
    Task<BookingResult> CreateAsync(CreateBooking command);

    /// <summary>
    /// Sells seats for cash at a counter: the booking is Confirmed and paid (provider <c>cash</c>) once the trip has
    /// sold the seats and the booking is stored. Idempotent: the same clerk and request id again return the booking.
    /// </summary>
    [Alias("CreateCounterSale")]
    Task<CounterSaleResult> CreateCounterSaleAsync(CounterSale command);

    /// <summary>The booking, or null if there is none under this PNR.</summary>
    [Alias("Get")]
    Task<BookingView?> GetAsync();

    /// <summary>Records the provider's payment and extends the hold once. Idempotent for the same reference.</summary>
    [Alias("StartPayment")]
    Task<BookingResult> StartPaymentAsync(PaymentStarted payment);

    /// <summary>
    /// The payment succeeded: confirms the hold, or after expiry sells the same seats if still free; otherwise a full
    /// refund becomes owed. Duplicates change nothing.
    /// </summary>
    [Alias("PaymentSucceeded")]
    Task<BookingResult> PaymentSucceededAsync(PaymentSucceeded payment);

    /// <summary>
    /// The payment failed. While the hold runs the seats stay held for the rest of it (event
    /// <c>booking.payment-attempt-failed</c>) and the payment can be made again (<see cref="RetryPaymentAsync"/>); if
    /// the hold has already run out the booking fails and the hold is released (<c>booking.payment-failed</c>). Ignored
    /// once the booking has been paid, and for a failure already recorded.
    /// </summary>
    [Alias("PaymentFailed")]
    Task<BookingResult> PaymentFailedAsync(string reference, string reason);

    /// <summary>
    /// Whether a failed payment may be tried again with <paramref name="provider"/>, before anyone asks the provider
    /// for a new payment. Writes nothing. The booking as it is when it may (or when that attempt has already been
    /// made: then its payment is no longer failed), else <c>hold-expired</c> once the hold has run out or
    /// <c>payment-not-retryable</c> when the payment has not failed.
    /// </summary>
    [Alias("CheckPaymentRetry")]
    Task<BookingResult> CheckPaymentRetryAsync(string provider);

    /// <summary>
    /// A new payment attempt after a failed one (event <c>booking.payment-retried</c>): the seats stay held until the
    /// hold's end, which is not extended. Refused like <see cref="CheckPaymentRetryAsync"/>, and with
    /// <c>hold-expired</c> if the trip no longer holds the seats. Idempotent for the same reference.
    /// </summary>
    [Alias("RetryPayment")]
    Task<BookingResult> RetryPaymentAsync(PaymentRetry retry);

    /// <summary>What cancelling now would refund, per the refund policy.</summary>
    [Alias("QuoteCancellation")]
    Task<CancellationQuoteResult> QuoteCancellationAsync();

    /// <summary>Cancels a confirmed booking before departure: seats are freed at once and the policy refund becomes owed.</summary>
    [Alias("Cancel")]
    Task<BookingResult> CancelAsync(string actor);

    /// <summary>
    /// The provider refunded money for this booking. Completes an owed refund; a refund made elsewhere (the Stripe
    /// dashboard) of a confirmed booking cancels it and frees its seats. Duplicates change nothing.
    /// </summary>
    [Alias("RefundCompleted")]
    Task<BookingResult> RefundCompletedAsync(RefundCompleted refund);

    /// <summary>
    /// Ops cancelled the trip: a confirmed booking is cancelled with the full fare owed back (event
    /// <c>booking.trip-cancelled</c>) and its seats freed. Any other status is returned unchanged (a payment still to
    /// come is refunded in full because the cancelled trip refuses the sale). Idempotent.
    /// </summary>
    [Alias("TripCancelled")]
    Task<BookingResult> TripCancelledAsync(TripCancelledNotice notice);

    /// <summary>
    /// Ops delayed the trip: the journey's departure and arrival move to the new stop times in the same transition
    /// (event <c>booking.trip-delayed</c>). Idempotent: the same times again change nothing. Only live bookings move.
    /// </summary>
    [Alias("TripDelayed")]
    Task<BookingResult> TripDelayedAsync(TripDelayedNotice notice);

    /// <summary>
    /// Ops changed the trip's coach: the journey takes the new coach's registration and class (event
    /// <c>booking.coach-changed</c>, which notifies the passenger). Idempotent: the same coach again changes nothing.
    /// Only live bookings move.
    /// </summary>
    [Alias("TripCoachChanged")]
    Task<BookingResult> TripCoachChangedAsync(TripCoachChangedNotice notice);

    /// <summary>
    /// Hands the ticket SMS of a confirmed booking to the outbox again, in the booking's language, under a new key so
    /// it is really sent; at most three per Dhaka calendar day. Only confirmed
    /// bookings (<see cref="BookingErrorCode.TicketNotIssued"/>); beyond the limit <see cref="BookingErrorCode.ResendLimitReached"/>
    /// with the time the next resend is allowed. <paramref name="actor"/> is who asked (owner id or staff).
    /// </summary>
    [Alias("ResendTicket")]
    Task<TicketResendResult> ResendTicketAsync(string actor);
}
