using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Payments;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// bKash Tokenized Checkout: one bKash payment per booking (invoice <c>{PNR}-1</c>) and one per trip change
/// (<c>{PNR}-C{change}</c>), each recorded in the pending-payments registry before the payer is sent to
/// <c>bkashURL</c>, so the callback and the reconciler can find it. The wallet address travels as the payment's
/// client secret. Money moves only when <see cref="BkashSettlement"/> executes the payment and bKash says Completed.
/// </summary>
public sealed class BkashPaymentProvider(
    BkashClient client, PayerReference payers, IGrainFactory grains, IOptions<BkashOptions> options, TimeProvider time) : IWalletPaymentProvider
{
    public string Name => PaymentProviders.Bkash;

    public string? PublishableKey => null;

    public Task<PaymentStart> StartAsync(BookingView booking, CancellationToken ct) =>
        CreateAsync(booking, booking.Total * 100L, booking.Pnr + "-1", ct);

    /// <summary>
    /// A failed bKash payment is over for good (bKash confirmed it took nothing), so each attempt is a new payment
    /// under its own invoice number, <c>{PNR}-{attempt}</c>.
    /// </summary>
    public Task<PaymentStart> RetryAsync(BookingView booking, int attempt, CancellationToken ct) =>
        CreateAsync(booking, booking.Total * 100L, $"{booking.Pnr}-{attempt}", ct);

    /// <summary>
    /// Nothing to undo: a bKash payment is only marked failed once bKash has said it took nothing and no execute is
    /// outstanding (<see cref="BkashSettlement"/>), and it has left the pending-payments registry.
    /// </summary>
    public Task<bool> AbandonAsync(BookingView booking, CancellationToken ct) => Task.FromResult(true);

    public Task<PaymentStart> StartChangeAsync(BookingView booking, PendingTripChange change, CancellationToken ct) =>
        CreateAsync(booking, change.Quote.AmountDue * 100L, $"{booking.Pnr}-C{change.ChangeId.ToString("N")[..8]}", ct);

    /// <summary>The booking's refund; bKash has no idempotency key, so a refund already made for the payment is found and returned instead.</summary>
    public async Task<string> RefundAsync(BookingView booking, decimal amountTaka, CancellationToken ct)
    {
        var trxId = await TransactionOfAsync(booking, ct);
        var amountPoisha = (long)(amountTaka * 100);
        // The status names the transaction's last refund: it can only be this one when no change refund was made
        // against the same payment, and only if it is for this amount.
        if (booking.Changes?.Refunds is not { Count: > 0 })
        {
            var earlier = await client.RefundStatusAsync(booking.Payment.Reference!, trxId, ct);
            if (earlier.Succeeded && earlier.RefundTrxId is { Length: > 0 } done && earlier.AmountPoisha == amountPoisha)
            {
                return done;
            }
        }
        return await RefundAsync(booking, trxId, amountPoisha, "refund-" + booking.Pnr, ct);
    }

    public async Task<string> RefundChangeAsync(BookingView booking, ChangeRefund refund, CancellationToken ct) =>
        await RefundAsync(booking, await TransactionOfAsync(booking, ct), (long)(refund.Amount * 100), refund.Key, ct);

    private async Task<PaymentStart> CreateAsync(BookingView booking, long amountPoisha, string invoice, CancellationToken ct)
    {
        var answer = await client.CreateAsync(amountPoisha, invoice, await payers.ForAsync(booking, ct), CallbackUrl, ct);
        if (!answer.Succeeded || answer.PaymentId is not { Length: > 0 } paymentId || answer.BkashUrl is not { Length: > 0 } url)
        {
            throw new BkashUnavailableException($"bKash did not create the payment ({answer.StatusCode}: {answer.StatusMessage}).");
        }
        await grains.GetGrain<IPendingPaymentsGrain>(Name)
            .AddAsync(new PendingPayment(paymentId, booking.Pnr, invoice, amountPoisha, time.GetUtcNow()));
        return new PaymentStart(paymentId, url);
    }

    private async Task<string> RefundAsync(BookingView booking, string trxId, long amountPoisha, string sku, CancellationToken ct)
    {
        var answer = await client.RefundAsync(booking.Payment.Reference!, trxId, amountPoisha, sku, $"Diu Paribahan {booking.Pnr}", ct);
        return answer.Succeeded && answer.RefundTrxId is { Length: > 0 } refundTrxId
            ? refundTrxId
            : throw new BkashUnavailableException($"bKash refused the refund of {booking.Pnr} ({answer.StatusCode}: {answer.StatusMessage}).");
    }

    /// <summary>The trxID of the booking's completed payment, as bKash reports it.</summary>
    private async Task<string> TransactionOfAsync(BookingView booking, CancellationToken ct)
    {
        if (booking.Payment.Reference is not { } paymentId)
        {
            throw new InvalidOperationException($"Booking {booking.Pnr} has no bKash payment to refund.");
        }
        if (booking.Payment.TransactionId is { Length: > 0 } known)
        {
            return known;
        }
        var status = await client.QueryAsync(paymentId, ct);
        return status.Completed && status.TrxId is { Length: > 0 } trxId
            ? trxId
            : throw new BkashUnavailableException($"bKash reports no completed transaction for {booking.Pnr} to refund.");
    }

    private string CallbackUrl => options.Value.CallbackUrl ?? BkashEndpoints.CallbackPath;
}
