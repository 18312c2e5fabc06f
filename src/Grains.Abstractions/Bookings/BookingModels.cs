namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// A passenger as entered: <paramref name="Phone"/> is a Bangladeshi mobile number in any usual form, or empty (only
/// the contact needs one). <paramref name="Passport"/> is required on cross-border routes.
/// </summary>
[GenerateSerializer, Immutable, Alias("PassengerInput")]
public sealed record PassengerInput(
    [property: Id(0)] string Name,
    [property: Id(1)] string Phone,
    [property: Id(2)] Gender Gender,
    [property: Id(10)] Passport? Passport = null);

/// <summary>
/// A passenger on a seat; <paramref name="Phone"/> is normalised to <c>+8801XXXXXXXXX</c>, or empty when the passenger
/// gave none. <paramref name="Passport"/> only on cross-border routes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Passenger")]
public sealed record Passenger(
    [property: Id(0)] string Name,
    [property: Id(1)] string Phone,
    [property: Id(2)] Gender Gender,
    [property: Id(3)] string Seat,
    [property: Id(10)] Passport? Passport = null);

/// <summary>Who to tell about the booking; <paramref name="Phone"/> normalised like a passenger's.</summary>
[GenerateSerializer, Immutable, Alias("BookingContact")]
public sealed record BookingContact(
    [property: Id(0)] string Phone,
    [property: Id(1)] string? Email);

/// <summary>The journey the booking is for, copied from the trip when the booking is made.</summary>
[GenerateSerializer, Immutable, Alias("BookingJourney")]
public sealed record BookingJourney(
    [property: Id(0)] string TripId,
    [property: Id(1)] string RouteNameEn,
    [property: Id(2)] string RouteNameBn,
    [property: Id(3)] string From,
    [property: Id(4)] string To,
    [property: Id(5)] DateTimeOffset Departure,
    [property: Id(6)] DateTimeOffset Arrival,
    [property: Id(7)] string CoachClass,
    [property: Id(8)] string CoachRegistration);

/// <summary>
/// The payment of a booking. <paramref name="Amount"/> is in whole taka; <paramref name="Reference"/> is the
/// provider's id (a Stripe PaymentIntent id, a bKash paymentID); <paramref name="ClientSecret"/> lets the payer's
/// browser pay it (for bKash: the wallet address to send the payer to); <paramref name="TransactionId"/> is the
/// provider's receipt number once paid (a bKash trxID), shown on the ticket and in the confirmation.
/// <paramref name="Attempt"/> counts the payments tried (a failed one can be tried again, by the same or another
/// method, while the hold runs); each provider keys its payment of a further attempt by it.
/// </summary>
[GenerateSerializer, Immutable, Alias("BookingPayment")]
public sealed record BookingPayment(
    [property: Id(0)] string Provider,
    [property: Id(1)] PaymentStatus Status,
    [property: Id(2)] int Amount,
    [property: Id(3)] string? Reference,
    [property: Id(4)] string? ClientSecret,
    [property: Id(5)] string? TransactionId = null,
    [property: Id(6)] int Attempt = 1)
{
    /// <summary>The number of the next payment attempt (the first is 1; bookings stored before attempts were counted read 0).</summary>
    public int NextAttempt => Math.Max(1, Attempt) + 1;
}

/// <summary>
/// Money owed back to the payer: <paramref name="Amount"/> in taka (exact to the poisha), <paramref name="Percent"/>
/// of the fare. <paramref name="Completed"/> is false until the provider has confirmed the refund.
/// </summary>
[GenerateSerializer, Immutable, Alias("BookingRefund")]
public sealed record BookingRefund(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] int Percent,
    [property: Id(2)] string Reason,
    [property: Id(3)] bool Completed,
    [property: Id(4)] string? Reference);

/// <summary>
/// One transition of a booking, as also appended to the events log (<c>booking.*</c> kinds). <paramref name="Previous"/>
/// is what a trip change replaced (the old departure, ISO 8601, of <c>booking.trip-delayed</c>; the old coach
/// registration of <c>booking.coach-changed</c>) or, for <c>booking.seats-changed</c>, the seat change itself in seat
/// labels ("A1 → C3"); else null.
/// </summary>
[GenerateSerializer, Immutable, Alias("BookingHistoryEntry")]
public sealed record BookingHistoryEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Detail,
    [property: Id(3)] string? Previous = null);

/// <summary>A booking as the grain holds it. <paramref name="Token"/> is the guest access secret.</summary>
[GenerateSerializer, Immutable, Alias("BookingView")]
public sealed record BookingView(
    [property: Id(0)] string Pnr,
    [property: Id(1)] BookingStatus Status,
    [property: Id(2)] string OwnerId,
    [property: Id(3)] string Token,
    [property: Id(4)] BookingJourney Journey,
    [property: Id(5)] Guid HoldId,
    [property: Id(6)] IReadOnlyList<string> Seats,
    [property: Id(7)] IReadOnlyList<Passenger> Passengers,
    [property: Id(8)] BookingContact Contact,
    [property: Id(9)] int FarePerSeat,
    [property: Id(10)] int Total,
    [property: Id(11)] string Channel,
    [property: Id(12)] BookingPayment Payment,
    [property: Id(13)] DateTimeOffset HoldExpiresAt,
    [property: Id(14)] BookingRefund? Refund,
    [property: Id(15)] IReadOnlyList<BookingHistoryEntry> History,
    [property: Id(16)] DateTimeOffset CreatedAt,
    [property: Id(17)] Guid? SaleId,
    [property: Id(18)] BookingChanges? Changes = null,
    [property: Id(30)] BookingPoints? Points = null,
    [property: Id(31)] FareBreakdown? Fare = null)
{
    /// <summary>A refund is owed and the provider has not confirmed it yet.</summary>
    public bool RefundOutstanding => Refund is { Completed: false, Amount: > 0 };
}

/// <summary>The result of a booking operation: the booking afterwards, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("BookingResult")]
public sealed record BookingResult(
    [property: Id(0)] BookingView? Booking,
    [property: Id(1)] BookingFailure? Failure)
{
    public static BookingResult Fail(BookingErrorCode code, string detail) => new(null, new BookingFailure(code, detail));
}

/// <summary>What cancelling now would refund.</summary>
[GenerateSerializer, Immutable, Alias("CancellationQuote")]
public sealed record CancellationQuote(
    [property: Id(0)] int RefundPercent,
    [property: Id(1)] decimal RefundAmount,
    [property: Id(2)] string Reason);

/// <summary>A cancellation quote, or why the booking cannot be cancelled.</summary>
[GenerateSerializer, Immutable, Alias("CancellationQuoteResult")]
public sealed record CancellationQuoteResult(
    [property: Id(0)] CancellationQuote? Quote,
    [property: Id(1)] BookingFailure? Failure);
