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
