using System.Text.RegularExpressions;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// bKash's callback (where bKash sends the payer's browser after the wallet step) and, without bKash credentials in
/// embedded mode or Development, the simulated wallet's API. The callback is an untrusted navigation: it only makes
/// us ask bKash (<see cref="BkashSettlement"/>), then sends the payer back to the booking page, which shows what the
/// booking says. Malformed input gets 400 <c>invalid-callback</c>; a payment bKash does not know as ours 404
/// <c>payment-not-found</c>; nothing is confirmed either way and every rejection is logged.
/// </summary>
public static partial class BkashEndpoints
{
    public const string CallbackPath = "/api/payments/bkash/callback";

    public static IEndpointRouteBuilder MapBkashEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CallbackPath, Callback).WithTags("Payments")
            .WithSummary("bKash callback (?paymentID=…&status=success|failure|cancel): asks bKash, then redirects to the booking page");
        if (app.ServiceProvider.GetService<SimulatedBkash>() is not null)
        {
            var wallet = app.MapGroup("/api/payments/bkash/simulated").WithTags("Payments");
            wallet.MapGet("/{paymentId}", SimulatedWalletEndpoints.Get).WithSummary("Simulated bKash only: the payment the wallet page shows");
            wallet.MapPost("/{paymentId}/authorize", SimulatedWalletEndpoints.Authorize)
                .WithSummary("Simulated bKash only: the payer confirms with wallet number, code and PIN");
            wallet.MapPost("/{paymentId}/cancel", SimulatedWalletEndpoints.Cancel).WithSummary("Simulated bKash only: the payer cancels");
        }
        return app;
    }

    // bKash payment ids are letters and digits (e.g. TR0011ON1565154754797); anything else was not made by bKash.
    [GeneratedRegex("^[A-Za-z0-9]{6,64}$")]
    internal static partial Regex PaymentIdFormat();

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Callback(
        [FromQuery(Name = "paymentID")] string? paymentId, [FromQuery(Name = "status")] string? status,
        HttpContext http, ILogger<BkashCallbackLog> logger)
    {
        if (http.RequestServices.GetService<BkashSettlement>() is not { } settlement)
        {
            return ApiProblems.Invalid("bKash payments are not configured.", "bkash-not-configured");
        }
        if (paymentId is null || !PaymentIdFormat().IsMatch(paymentId) || status is not ("success" or "failure" or "cancel"))
        {
            LogMalformed(logger, paymentId?.Length ?? 0, status?.Length > 16 ? status[..16] : status);
            return ApiProblems.Invalid("paymentID must be a bKash payment id and status one of success, failure, cancel.", "invalid-callback");
        }
        var outcome = await settlement.CallbackAsync(paymentId, status, http.RequestAborted);
        if (outcome.Pnr is not { } pnr)
        {
            return ApiProblems.Create("payment-not-found", "bKash knows no payment of ours under this paymentID; nothing was changed.");
        }
        LogCallback(logger, pnr, status, outcome.Kind);
        return TypedResults.Redirect($"/book.html?pnr={Uri.EscapeDataString(pnr)}&bkash={outcome.Kind.ToString().ToLowerInvariant()}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash callback rejected: malformed paymentID (length {Length}) or status {Status}")]
    private static partial void LogMalformed(ILogger logger, int length, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "bKash callback for {Pnr} said {Status}; bKash's answer: {Outcome}")]
    private static partial void LogCallback(ILogger logger, string pnr, string status, BkashOutcomeKind outcome);
}

/// <summary>Log category of the bKash callback.</summary>
public sealed class BkashCallbackLog;
