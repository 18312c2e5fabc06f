using DiuParibahan.Grains.Bookings;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// The glue between the payment provider and the booking grain, shared by the booking endpoints, the Stripe webhook
/// and the simulated payments: provider calls happen here, outside any grain turn, and their results are reported to
/// the grain. Every step can be repeated: the grain ignores what it already knows, the provider dedupes by key.
/// Each booking's money goes through the provider it was made with (<see cref="PaymentProviderSet.For"/>).
/// </summary>
public sealed class BookingPayments(IGrainFactory grains, PaymentProviderSet providers, IOptions<PaymentOptions> options, TimeProvider time)
{
    /// <summary>The card provider (Stripe or simulated): what a booking request naming no method pays with.</summary>
    public IPaymentProvider Provider => providers.Card;

    public PaymentProviderSet Providers => providers;

    /// <summary>Creates the booking's payment at the provider and tells the booking (which extends its hold once).</summary>
    public async Task<BookingResult> StartAsync(BookingView booking, CancellationToken ct)
    {
        if (booking.Payment.Reference is not null || booking.Status != BookingStatus.PendingPayment)
        {
            return new(booking, null);
        }
        var start = await providers.For(booking).StartAsync(booking, ct);
        return await grains.GetGrain<IBookingGrain>(booking.Pnr)
            .StartPaymentAsync(new PaymentStarted(start.Reference, start.ClientSecret, time.GetUtcNow() + options.Value.PaymentWindow));
    }

    /// <summary>
    /// A payment succeeded (with the provider's receipt number <paramref name="transactionId"/>, if any): confirm, or
    /// refund at once if the seats are gone.
    /// </summary>
    public async Task<BookingResult> SucceededAsync(string pnr, string reference, long amountPoisha, CancellationToken ct, string? transactionId = null)
    {
        var result = await grains.GetGrain<IBookingGrain>(pnr).PaymentSucceededAsync(new PaymentSucceeded(reference, amountPoisha, transactionId));
        return result.Booking is { } booking ? await SettleRefundAsync(booking, ct) : result;
    }

    public Task<BookingResult> FailedAsync(string pnr, string reference, string reason) =>
        grains.GetGrain<IBookingGrain>(pnr).PaymentFailedAsync(reference, reason);

    /// <summary>
    /// Pays again after a failed payment, with <paramref name="provider"/> (the booking's own or another): the booking
    /// is asked first (nothing is created at a provider for a refused retry), a failed payment being left for another
    /// method is made unable to take money, then the provider creates the new attempt's payment and the booking
    /// records it. Repeating the request returns the attempt already made.
    /// </summary>
    public async Task<BookingResult> RetryAsync(BookingView booking, IPaymentProvider provider, CancellationToken ct)
    {
        var grain = grains.GetGrain<IBookingGrain>(booking.Pnr);
        var checkedResult = await grain.CheckPaymentRetryAsync(provider.Name);
        if (checkedResult.Booking is not { Payment.Status: PaymentStatus.Failed } failed)
        {
            return checkedResult;
        }
        if (failed.Payment.Provider != provider.Name && !await providers.For(failed).AbandonAsync(failed, ct))
        {
            return BookingResult.Fail(BookingErrorCode.PaymentNotRetryable,
                "The earlier payment went through after all; its confirmation is on its way.");
        }
        var start = await provider.RetryAsync(failed, failed.Payment.NextAttempt, ct);
        return await grain.RetryPaymentAsync(new PaymentRetry(provider.Name, start.Reference, start.ClientSecret));
    }

    /// <summary>Cancels on behalf of <paramref name="actor"/> and pays the policy refund back.</summary>
    public async Task<BookingResult> CancelAsync(string pnr, string actor, CancellationToken ct)
    {
        var result = await grains.GetGrain<IBookingGrain>(pnr).CancelAsync(actor);
        return result.Booking is { } booking ? await SettleRefundAsync(booking, ct) : result;
    }

    /// <summary>If the booking owes money back that has not been refunded yet, refunds it and records the refund.</summary>
    public async Task<BookingResult> SettleRefundAsync(BookingView booking, CancellationToken ct)
    {
        if (!booking.RefundOutstanding)
        {
            return new(booking, null);
        }
        // Cash is handed back by the clerk who cancels; there is no provider to call.
        var reference = booking.Payment.Provider == PaymentProviders.Cash
            ? "cash-refund:" + booking.Pnr
            : await providers.For(booking).RefundAsync(booking, booking.Refund!.Amount, ct);
        return await grains.GetGrain<IBookingGrain>(booking.Pnr)
            .RefundCompletedAsync(new RefundCompleted(reference, (long)(booking.Refund!.Amount * 100)));
    }
}
