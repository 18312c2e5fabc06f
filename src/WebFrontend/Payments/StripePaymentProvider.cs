using DiuParibahan.Grains.Bookings;
using Microsoft.Extensions.Options;
using Stripe;

namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// Stripe PaymentIntents in BDT (amounts in poisha), one per booking, created with the idempotency key
/// <c>pi-{pnr}</c> (a further one <c>pi-{pnr}-{attempt}</c> if the payer came back to card after another method); refunds through the Refund API with <c>refund-{pnr}</c> (a booking is refunded at most once).
/// </summary>
public sealed class StripePaymentProvider(IStripeClient client, IOptions<StripeOptions> options) : IPaymentProvider
{
    public string Name => "stripe";

    public string? PublishableKey => options.Value.PublishableKey;

    public Task<PaymentStart> StartAsync(BookingView booking, CancellationToken ct) => CreateAsync(booking, "pi-" + booking.Pnr, ct);

    /// <summary>
    /// After a failed card payment the PaymentIntent waits for another payment method, so paying again by card uses
    /// it again; after another method (the intent was cancelled when the payer turned away) a new one is created with
    /// the key <c>pi-{pnr}-{attempt}</c>.
    /// </summary>
    public async Task<PaymentStart> RetryAsync(BookingView booking, int attempt, CancellationToken ct)
    {
        if (booking.Payment.Provider == Name && booking.Payment.Reference is { } id)
        {
            var intent = await new PaymentIntentService(client).GetAsync(id, cancellationToken: ct);
            if (intent.Status != "canceled")
            {
                return new PaymentStart(intent.Id, intent.ClientSecret);
            }
        }
        return await CreateAsync(booking, $"pi-{booking.Pnr}-{attempt}", ct);
    }

    /// <summary>
    /// Cancels the booking's PaymentIntent so it can take no money once the payer pays another way; Stripe refuses to
    /// cancel one that has succeeded or is processing, which means the money is on its way (false).
    /// </summary>
    public async Task<bool> AbandonAsync(BookingView booking, CancellationToken ct)
    {
        if (booking.Payment.Reference is not { } id)
        {
            return true;
        }
        var service = new PaymentIntentService(client);
        var intent = await service.GetAsync(id, cancellationToken: ct);
        if (intent.Status == "canceled")
        {
            return true;
        }
        if (intent.Status is "succeeded" or "processing")
        {
            return false;
        }
        try
        {
            await service.CancelAsync(id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" },
                new RequestOptions { IdempotencyKey = $"pi-cancel-{id}" }, ct);
            return true;
        }
        catch (StripeException ex) when (ex.StripeError?.Code == "payment_intent_unexpected_state")
        {
            return false;
        }
    }

    private async Task<PaymentStart> CreateAsync(BookingView booking, string idempotencyKey, CancellationToken ct)
    {
        var intent = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = booking.Total * 100L,
            Currency = "bdt",
            Description = $"Diu Paribahan {booking.Pnr}",
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            Metadata = new Dictionary<string, string>
            {
                ["pnr"] = booking.Pnr,
                ["hold_id"] = booking.HoldId.ToString("N"),
                ["trip_id"] = booking.Journey.TripId,
            },
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
        return new PaymentStart(intent.Id, intent.ClientSecret);
    }

    public async Task<string> RefundAsync(BookingView booking, decimal amountTaka, CancellationToken ct)
    {
        var refund = await new RefundService(client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = booking.Payment.Reference,
            Amount = (long)(amountTaka * 100),
            Metadata = new Dictionary<string, string> { ["pnr"] = booking.Pnr },
        }, new RequestOptions { IdempotencyKey = "refund-" + booking.Pnr }, ct);
        return refund.Id;
    }

    /// <summary>
    /// A PaymentIntent for a trip change's amount due (key <c>pi-change-{changeId}</c>), carrying the PNR like the
    /// booking's own, so the webhook reaches the booking, which tells the two apart by the intent id.
    /// </summary>
    public async Task<PaymentStart> StartChangeAsync(BookingView booking, PendingTripChange change, CancellationToken ct)
    {
        var intent = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = change.Quote.AmountDue * 100L,
            Currency = "bdt",
            Description = $"Diu Paribahan {booking.Pnr} change to {change.TripId}",
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            Metadata = new Dictionary<string, string>
            {
                ["pnr"] = booking.Pnr,
                ["change_id"] = change.ChangeId.ToString("N"),
                ["trip_id"] = change.TripId,
            },
        }, new RequestOptions { IdempotencyKey = $"pi-change-{change.ChangeId:N}" }, ct);
        return new PaymentStart(intent.Id, intent.ClientSecret);
    }

    /// <summary>Refunds against the booking's original payment, keyed by the change refund's own key.</summary>
    public async Task<string> RefundChangeAsync(BookingView booking, ChangeRefund refund, CancellationToken ct)
    {
        var created = await new RefundService(client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = booking.Payment.Reference,
            Amount = (long)(refund.Amount * 100),
            Metadata = new Dictionary<string, string> { ["pnr"] = booking.Pnr, ["change_refund"] = refund.Key },
        }, new RequestOptions { IdempotencyKey = refund.Key }, ct);
        return created.Id;
    }

    /// <summary>The metadata of PaymentIntent <paramref name="paymentIntentId"/> (for events that carry only the intent id).</summary>
    public async Task<IDictionary<string, string>?> MetadataOfAsync(string paymentIntentId, CancellationToken ct) =>
        (await new PaymentIntentService(client).GetAsync(paymentIntentId, cancellationToken: ct)).Metadata;
}
