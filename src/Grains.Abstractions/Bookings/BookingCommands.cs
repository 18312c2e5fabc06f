namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Make a booking from the live hold <paramref name="HoldId"/> on <paramref name="TripId"/> owned by
/// <paramref name="OwnerId"/>: one passenger per held seat, in seat order. Idempotent: the same hold again returns
/// the same booking. <paramref name="Language"/> (<c>en</c> or <c>bn</c>; anything else means <c>en</c>) is the
/// language of the passenger's notifications. <paramref name="Points"/>: the boarding and dropping point the frontend
/// checked against the hold's leg; <paramref name="Terms"/>: the charges for the payment method.
/// </summary>
[GenerateSerializer, Immutable, Alias("CreateBooking")]
public sealed record CreateBooking(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string TripId,
    [property: Id(2)] Guid HoldId,
    [property: Id(3)] IReadOnlyList<PassengerInput> Passengers,
    [property: Id(4)] BookingContact Contact,
    [property: Id(5)] string PaymentProvider,
    [property: Id(6)] string Language = "en",
    [property: Id(30)] BookingPoints? Points = null,
    [property: Id(31)] FareTerms? Terms = null);

/// <summary>
/// The payment provider has created the payment (<paramref name="Reference"/>, e.g. a PaymentIntent id). The hold is
/// extended once to <paramref name="HoldUntil"/> so it outlives the payment window.
/// </summary>
[GenerateSerializer, Immutable, Alias("PaymentStarted")]
public sealed record PaymentStarted(
    [property: Id(0)] string Reference,
    [property: Id(1)] string? ClientSecret,
    [property: Id(2)] DateTimeOffset HoldUntil);

/// <summary>
/// After a failed payment, the payer tries again with <paramref name="Provider"/> (the same method or another): the
/// provider has created the payment <paramref name="Reference"/> of the new attempt (for a card provider that can
/// take the failed payment again, the same one). The hold is not extended.
/// </summary>
[GenerateSerializer, Immutable, Alias("PaymentRetry")]
public sealed record PaymentRetry(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Reference,
    [property: Id(2)] string? ClientSecret);

/// <summary>
/// The provider reports the payment <paramref name="Reference"/> succeeded with <paramref name="AmountPoisha"/>;
/// <paramref name="TransactionId"/> is the provider's receipt number the payer sees (a bKash trxID), if it has one.
/// </summary>
[GenerateSerializer, Immutable, Alias("PaymentSucceeded")]
public sealed record PaymentSucceeded(
    [property: Id(0)] string Reference,
    [property: Id(1)] long AmountPoisha,
    [property: Id(2)] string? TransactionId = null);

/// <summary>The provider has refunded <paramref name="AmountPoisha"/> of the payment under <paramref name="Reference"/>.</summary>
[GenerateSerializer, Immutable, Alias("RefundCompleted")]
public sealed record RefundCompleted(
    [property: Id(0)] string Reference,
    [property: Id(1)] long AmountPoisha);

/// <summary>
/// A cash sale at a counter: clerk <paramref name="ClerkId"/> (an owner id) at counter <paramref name="CounterId"/>
/// sells <paramref name="Seats"/> from <paramref name="From"/> to <paramref name="To"/>, one passenger per seat in
/// seat order. <paramref name="RequestId"/> is the clerk's retry key: the same one again returns the same booking.
/// <paramref name="Points"/> and <paramref name="Terms"/> as for <see cref="CreateBooking"/>. <paramref name="CounterSeatCap"/>
/// is the cap of the sale window gating the trip, if it caps counters (see <see cref="Trips.SellSeats"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("CounterSale")]
public sealed record CounterSale(
    [property: Id(0)] string ClerkId,
    [property: Id(1)] string CounterId,
    [property: Id(2)] string TripId,
    [property: Id(3)] IReadOnlyList<string> Seats,
    [property: Id(4)] string From,
    [property: Id(5)] string To,
    [property: Id(6)] IReadOnlyList<PassengerInput> Passengers,
    [property: Id(7)] string RequestId,
    [property: Id(30)] BookingPoints? Points = null,
    [property: Id(31)] FareTerms? Terms = null,
    [property: Id(32)] int? CounterSeatCap = null);
