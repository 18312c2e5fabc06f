using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>The simulated wallet page's API: what it shows, and the payer's confirm (number, code, PIN) or cancel.</summary>
public static class SimulatedWalletEndpoints
{
    public sealed record WalletPaymentDto(string PaymentId, string Amount, string Currency, string Invoice, string PayerReference, string Status);

    public sealed record AuthorizeRequest(string? Wallet, string? Code, string? Pin);

    public sealed record WalletRedirectDto(string Redirect);

    internal static Results<Ok<WalletPaymentDto>, ProblemHttpResult> Get(string paymentId, SimulatedBkash bkash) =>
        bkash.Find(paymentId) is { } p
            ? TypedResults.Ok(new WalletPaymentDto(p.Id, p.Amount, "BDT", p.Invoice, p.PayerReference, p.Status))
            : NotFound();

    /// <summary>Any 11-digit 01… wallet number, a 6-digit code and a 5-digit PIN pass: it is a simulation, and says so.</summary>
    internal static Results<Ok<WalletRedirectDto>, ProblemHttpResult> Authorize(string paymentId, AuthorizeRequest request, SimulatedBkash bkash)
    {
        if (request.Wallet is not { Length: 11 } wallet || !wallet.StartsWith("01", StringComparison.Ordinal) || !wallet.All(char.IsAsciiDigit)
            || request.Code is not { Length: 6 } code || !code.All(char.IsAsciiDigit)
            || request.Pin is not { Length: 5 } pin || !pin.All(char.IsAsciiDigit))
        {
            return ApiProblems.Invalid("Enter an 11-digit wallet number (01…), the 6-digit code and a 5-digit PIN.", "invalid-wallet-input");
        }
        return bkash.Authorize(paymentId) is { } redirect ? TypedResults.Ok(new WalletRedirectDto(redirect)) : NotFound();
    }

    internal static Results<Ok<WalletRedirectDto>, ProblemHttpResult> Cancel(string paymentId, SimulatedBkash bkash) =>
        bkash.Cancel(paymentId) is { } redirect ? TypedResults.Ok(new WalletRedirectDto(redirect)) : NotFound();

    private static ProblemHttpResult NotFound() =>
        ApiProblems.Create("payment-not-found", "The simulated wallet has no payment under this id.");
}
