using DiuParibahan.Grains.Bookings;
using Stripe;

namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// Turns a verified Stripe event into booking transitions: <c>payment_intent.succeeded</c>,
/// <c>payment_intent.payment_failed</c> and <c>charge.refunded</c> (charges carry only their PaymentIntent id, so its
/// PNR is read back from Stripe). Other event types are ignored (null).
/// </summary>
public sealed class StripeWebhookEvents(BookingPayments payments, IGrainFactory grains, IServiceProvider services)
{
    public async Task<BookingResult?> ApplyAsync(Event stripeEvent, CancellationToken ct)
    {
        switch (stripeEvent.Type, stripeEvent.Data.Object)
        {
            case (EventTypes.PaymentIntentSucceeded, PaymentIntent intent) when PnrOf(intent.Metadata) is { } pnr:
                return await payments.SucceededAsync(pnr, intent.Id, intent.AmountReceived, ct);
            case (EventTypes.PaymentIntentPaymentFailed, PaymentIntent intent) when PnrOf(intent.Metadata) is { } pnr:
                return await payments.FailedAsync(pnr, intent.Id, intent.LastPaymentError?.Message ?? "The card was declined.");
            case (EventTypes.ChargeRefunded, Charge charge):
                var refundedPnr = PnrOf(charge.Metadata)
                    ?? (charge.PaymentIntentId is { } intentId ? PnrOf(await Stripe.MetadataOfAsync(intentId, ct)) : null);
                return refundedPnr is null
                    ? Unknown()
                    : await grains.GetGrain<IBookingGrain>(refundedPnr).RefundCompletedAsync(
                        new RefundCompleted(charge.Refunds?.Data?.LastOrDefault()?.Id ?? charge.Id, charge.AmountRefunded));
            case (EventTypes.PaymentIntentSucceeded or EventTypes.PaymentIntentPaymentFailed, _):
                return Unknown();
            default:
                return null;
        }
    }

    private StripePaymentProvider Stripe => services.GetRequiredService<StripePaymentProvider>();

    private static BookingResult Unknown() => BookingResult.Fail(BookingErrorCode.BookingNotFound, "The event names no booking of ours.");

    private static string? PnrOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("pnr", out var pnr) && PnrFormat.IsWellFormed(pnr) ? pnr : null;
}
