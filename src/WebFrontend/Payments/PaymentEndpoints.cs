using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Payments.Bkash;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Stripe;

namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// Payment notifications: Stripe's signed webhook, and the simulated provider's "pay now" button. Both end in the
/// same booking transitions (<see cref="BookingPayments"/>).
/// </summary>
public static partial class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/bookings/{pnr}/payments/simulate", Simulate).WithTags("Payments")
            .WithSummary("Simulated provider only: complete the payment as succeeded or failed");
        app.MapPost("/api/bookings/{pnr}/payments/retry", Retry).WithTags("Payments")
            .WithSummary("After a failed payment, pay again while the seats are still held: the same method, or another one (paymentMethod)");
        app.MapPost("/api/payments/stripe/webhook", StripeWebhook).WithTags("Payments")
            .WithSummary("Stripe webhook (signed): payment_intent.succeeded, payment_intent.payment_failed, charge.refunded");
        app.MapGet("/api/payments/methods", Methods).WithTags("Payments")
            .WithSummary("The payment methods offered, in the order to show them (wallets first), and whether each is a simulation");
        app.MapBkashEndpoints();
        return app;
    }

    private static Ok<List<PaymentMethodDto>> Methods(BookingPayments payments, IServiceProvider services) =>
        TypedResults.Ok(payments.Providers.Names.Select(name => new PaymentMethodDto(BookingEndpoints.MethodName(name), name,
            name == "simulated" || (name == PaymentProviders.Bkash && services.GetService<SimulatedBkash>() is not null))).ToList());

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> Simulate(
        string pnr, SimulatePaymentRequest request, HttpContext http, IGrainFactory grains, BookingPayments payments, NetworkCache network)
    {
        // Only bookings made with the simulated provider: a bKash booking is paid through bKash (or its simulation) alone.
        if (payments.Provider is not SimulatedPaymentProvider || await BookingAccess.FindAsync(pnr, http, grains) is not { } access
            || access.Booking.Payment.Provider != payments.Provider.Name)
        {
            return ApiProblems.BookingNotFound();
        }
        if (access.Booking.Payment.Reference is not { } reference)
        {
            return new BookingFailure(BookingErrorCode.PaymentNotStarted, "The payment of this booking has not started.").ToProblem();
        }
        var result = request.Outcome switch
        {
            "succeeded" => await payments.SucceededAsync(pnr, reference, access.Booking.Total * 100L, http.RequestAborted),
            "failed" => await payments.FailedAsync(pnr, reference, "Test payment declined."),
            _ => null,
        };
        if (result is null)
        {
            return ApiProblems.Invalid("outcome must be \"succeeded\" or \"failed\".");
        }
        return result.Booking is { } booking
            ? TypedResults.Ok(BookingDto.Of(booking, (await network.GetAsync()).Stops, access.IsOwner, null))
            : result.Failure!.ToProblem();
    }

    /// <summary>
    /// A failed payment is tried again: with the booking's own method when the body names none, else with
    /// <c>paymentMethod</c> (<c>card</c>, <c>bkash</c>). 409 <c>hold-expired</c> once the hold has run out (the
    /// seats are free), 409 <c>payment-not-retryable</c> when the payment has not failed.
    /// </summary>
    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> Retry(
        string pnr, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RetryPaymentRequest? request, HttpContext http,
        IGrainFactory grains, BookingPayments payments, NetworkCache network)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        var provider = string.IsNullOrWhiteSpace(request?.PaymentMethod)
            ? payments.Providers.Find(access.Booking.Payment.Provider)
            : BookingEndpoints.PaymentMethod(request.PaymentMethod, payments.Providers);
        if (provider is null)
        {
            return ApiProblems.Invalid("paymentMethod must be one of: "
                + string.Join(", ", payments.Providers.Names.Select(BookingEndpoints.MethodName)) + ".", "payment-method-unavailable");
        }
        var result = await payments.RetryAsync(access.Booking, provider, http.RequestAborted);
        return result.Booking is { } booking
            ? TypedResults.Ok(BookingDto.Of(booking, (await network.GetAsync()).Stops, access.IsOwner, payments.Provider.PublishableKey))
            : result.Failure!.ToProblem();
    }

    /// <summary>
    /// 400 for a bad signature, a stale timestamp or a PNR we don't know (Stripe shows these as failed deliveries);
    /// 200 for everything handled, including duplicates (no change) and event types we don't use. A provider error
    /// while refunding propagates as a 5xx so Stripe delivers the event again.
    /// </summary>
    private static async Task<Results<Ok, ProblemHttpResult>> StripeWebhook(
        HttpRequest request, IOptions<StripeOptions> options, IServiceProvider services, ILogger<StripeWebhookLog> logger)
    {
        if (services.GetService<StripeWebhookEvents>() is not { } events || options.Value.WebhookSecret is not { } secret)
        {
            return ApiProblems.Invalid("Stripe payments are not configured.", "stripe-not-configured");
        }
        var json = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        Event stripeEvent;
        try
        {
            // Default tolerance (300 s) rejects replays of old deliveries. Events of another API version are still
            // accepted: only fields that are stable across versions are read.
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"], secret, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            LogRejected(logger, ex.Message);
            return ApiProblems.Invalid("The Stripe signature is missing, wrong or too old.", "invalid-signature");
        }
        if (await events.ApplyAsync(stripeEvent, request.HttpContext.RequestAborted) is { Failure: { } failure })
        {
            LogUnmatched(logger, stripeEvent.Id, stripeEvent.Type, failure.Code);
            return failure.Code == BookingErrorCode.BookingNotFound
                ? ApiProblems.Create("booking-not-found", failure.Detail, status: StatusCodes.Status400BadRequest)
                : failure.ToProblem();
        }
        return TypedResults.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) not applied: {Code}")]
    private static partial void LogUnmatched(ILogger logger, string eventId, string type, BookingErrorCode code);
}

/// <summary>Paying again after a failed payment: <paramref name="PaymentMethod"/> as a booking request names it, or null for the same method.</summary>
public sealed record RetryPaymentRequest(string? PaymentMethod);

/// <summary>A way to pay: <paramref name="Method"/> as a booking request names it, its provider, and whether no money moves.</summary>
public sealed record PaymentMethodDto(string Method, string Provider, bool Simulated);

/// <summary>Log category of the Stripe webhook.</summary>
public sealed class StripeWebhookLog;
