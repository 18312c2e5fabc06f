using DiuParibahan.Grains.Queue;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// Passengers in a sale's waiting room: join (idempotent: the same place again) and look up their place. Both need a
/// verified phone, as holds do; unknown or closed windows are refused from the frontend's window list before any grain.
/// While admitted, the answer carries the signed admission and sets it as a cookie for the hold endpoint.
/// </summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var queue = app.MapGroup("/api/queue/{windowId}").WithTags("Waiting room");
        queue.MapPost("/join", Join).WithSummary("Join a sale's queue (verified phone; joining again answers the same place)")
            .RequireRateLimiting(Hosting.RateLimits.Holds);
        queue.MapGet("/me", Me).WithSummary("Your place in a sale's queue, and your admission once admitted");
        return app;
    }

    private static async Task<Results<Ok<QueuePlaceDto>, ProblemHttpResult>> Join(
        string windowId, HttpContext http, IGrainFactory grains, SaleWindowDirectory windows, AdmissionSigner signer, TimeProvider time)
    {
        if (PassengerPhone.Verified(http.User) is not { } phone)
        {
            return VerificationRequired();
        }
        if (await windows.FindAsync(windowId) is not { } window)
        {
            return QueueProblems.NotFound();
        }
        if (!window.Gates)
        {
            return new SaleWindowFailure(SaleWindowErrorCode.SaleWindowClosed, "This sale is closed; there is no queue to join.").ToProblem(window.Id);
        }
        var result = await grains.GetGrain<IWaitingRoomGrain>(window.Id).JoinAsync(phone);
        return result.Answer is { } answer ? TypedResults.Ok(Place(http, answer, phone, signer, time)) : result.Failure!.ToProblem(window.Id);
    }

    private static async Task<Results<Ok<QueuePlaceDto>, ProblemHttpResult>> Me(
        string windowId, HttpContext http, IGrainFactory grains, SaleWindowDirectory windows, AdmissionSigner signer, TimeProvider time)
    {
        if (PassengerPhone.Verified(http.User) is not { } phone)
        {
            return VerificationRequired();
        }
        if (await windows.FindAsync(windowId) is not { } window)
        {
            return QueueProblems.NotFound();
        }
        var result = await grains.GetGrain<IWaitingRoomGrain>(window.Id).GetAsync(phone);
        return result.Answer is { } answer ? TypedResults.Ok(Place(http, answer, phone, signer, time)) : result.Failure!.ToProblem(window.Id);
    }

    /// <summary>The answer, with a freshly signed admission (and its cookie) while the grain says the phone is admitted.</summary>
    private static QueuePlaceDto Place(HttpContext http, QueueAnswer answer, string phone, AdmissionSigner signer, TimeProvider time)
    {
        if (answer is not { State: QueueState.Admitted, AdmittedUntil: { } until } || until <= time.GetUtcNow())
        {
            return QueuePlaceDto.Of(answer, null);
        }
        var token = signer.Sign(answer.WindowId, phone, until);
        http.Response.Cookies.Append(AdmissionGate.CookieName(answer.WindowId), token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/api/trips",
            Expires = until,
        });
        return QueuePlaceDto.Of(answer, token);
    }

    private static ProblemHttpResult VerificationRequired() => new AuthFailure(AuthErrorCode.PhoneVerificationRequired,
        "Sign in with the code we text to your mobile number to join the queue.").ToProblem();
}
