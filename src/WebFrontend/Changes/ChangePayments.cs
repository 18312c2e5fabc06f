using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Payments;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Changes;

/// <summary>
/// The money side of ticket changes, outside any grain turn like <see cref="BookingPayments"/>: starts the payment of a
/// trip change's difference at the provider and pays back what changes owe. Every step can be repeated: the grain
/// ignores what it already knows and the provider dedupes by the change's or refund's own key.
/// </summary>
public sealed class ChangePayments(IGrainFactory grains, PaymentProviderSet providers, IOptions<PaymentOptions> options, TimeProvider time)
{
    /// <summary>If a trip change waits for a payment that has not been created yet, creates it and tells the booking.</summary>
    public async Task<ChangeResult> StartAsync(BookingView booking, CancellationToken ct)
    {
        if (booking.Changes?.Pending is not { PaymentReference: null } pending)
        {
            return new(booking, null, null);
        }
        var start = await providers.For(booking).StartChangeAsync(booking, pending, ct);
        return await Changes(booking.Pnr)
            .ChangePaymentStartedAsync(start.Reference, start.ClientSecret, time.GetUtcNow() + options.Value.PaymentWindow);
    }

    /// <summary>Pays back every change refund the booking still owes and records each; returns the booking afterwards.</summary>
    public async Task<BookingView> SettleRefundsAsync(BookingView booking, CancellationToken ct)
    {
        foreach (var refund in booking.Changes?.Outstanding.ToList() ?? [])
        {
            // Cash is handed back by the clerk at the counter; there is no provider to call.
            var reference = booking.Payment.Provider == PaymentProviders.Cash
                ? "cash-refund:" + refund.Key
                : await providers.For(booking).RefundChangeAsync(booking, refund, ct);
            booking = (await Changes(booking.Pnr).ChangeRefundCompletedAsync(refund.Key, reference)).Booking ?? booking;
        }
        return booking;
    }

    /// <summary>After a change (or a failed one that owes a payment back): settle the refunds it left owed.</summary>
    public async Task<ChangeResult> SettleAsync(ChangeResult result, CancellationToken ct) =>
        result.Booking is { } booking ? result with { Booking = await SettleRefundsAsync(booking, ct) } : result;

    private IBookingChangesGrain Changes(string pnr) => grains.GetGrain<IBookingChangesGrain>(pnr);
}
