using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// Takes and returns a booking's money. Both calls are idempotent per booking (the provider is given the same
/// idempotency key for the same booking), so a retry after a crash or a duplicate notification never charges or
/// refunds twice.
/// </summary>
public interface IPaymentProvider
{
    /// <summary><c>stripe</c> or <c>simulated</c>, as shown in the booking's payment.</summary>
    string Name { get; }

    /// <summary>What the payer's browser needs to load the provider's payment form, if anything.</summary>
    string? PublishableKey { get; }

    /// <summary>Creates (or finds again) the payment of <paramref name="booking"/>'s total.</summary>
    Task<PaymentStart> StartAsync(BookingView booking, CancellationToken ct);

    /// <summary>
    /// The payment of attempt <paramref name="attempt"/> (2 or more) after a failed one, keyed by the attempt so a
    /// repeat finds it again. A provider whose failed payment can still be paid (a Stripe PaymentIntent goes back to
    /// awaiting a payment method) returns that payment when it was the booking's last one.
    /// </summary>
    Task<PaymentStart> RetryAsync(BookingView booking, int attempt, CancellationToken ct);

    /// <summary>
    /// The payer turns from this provider's failed payment to another method: afterwards the failed payment can take
    /// no money. False when it already has (its success is on its way, so the booking must not be paid twice).
    /// </summary>
    Task<bool> AbandonAsync(BookingView booking, CancellationToken ct);

    /// <summary>Refunds <paramref name="amountTaka"/> (exact to the poisha) of the booking's payment; returns the refund's id.</summary>
    Task<string> RefundAsync(BookingView booking, decimal amountTaka, CancellationToken ct);

    /// <summary>
    /// Creates (or finds again) the payment of a trip change's amount due, under the change's own idempotency key, so
    /// a booking can pay for several changes.
    /// </summary>
    Task<PaymentStart> StartChangeAsync(BookingView booking, PendingTripChange change, CancellationToken ct);

    /// <summary>Refunds money a change owes back, under the refund's own key (<see cref="ChangeRefund.Key"/>); returns the refund's id.</summary>
    Task<string> RefundChangeAsync(BookingView booking, ChangeRefund refund, CancellationToken ct);
}

/// <summary>A payment the provider has created: its id and the secret the payer's browser pays it with.</summary>
public sealed record PaymentStart(string Reference, string? ClientSecret);
