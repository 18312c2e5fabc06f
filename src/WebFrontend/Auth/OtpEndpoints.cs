using System.Globalization;
using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Phones;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Sign-in by SMS code: ask for a code for a phone, then trade the code for a session.</summary>
public static class OtpEndpoints
{
    public static IEndpointRouteBuilder MapOtpEndpoints(this IEndpointRouteBuilder app)
    {
        var otp = app.MapGroup("/api/auth/otp").WithTags("Auth");
        otp.MapPost("", RequestCode)
            .WithSummary("Text a 6-digit sign-in code to a mobile number (same answer whether or not it has an account); "
                + "past the address's free allowance, 428 challenge-required asks for a solved proof-of-work challenge first; "
                + "past the cluster's hourly SMS budget, 503 sms-ceiling with Retry-After");
        otp.MapPost("/verify", Verify).RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Trade the code for a session; the first sign-in creates the passenger account");
        return app;
    }

    private static async Task<Results<Accepted<OtpRequestedDto>, ProblemHttpResult>> RequestCode(
        OtpRequest request, HttpContext http, OtpService otp, IOptions<OtpOptions> options)
    {
        if (!PhoneNumber.TryNormalise(request.Phone, out var phone))
        {
            return InvalidPhone();
        }
        if ((request.Challenge is null) != (request.Solution is null))
        {
            return new AuthFailure(AuthErrorCode.ChallengeInvalid, "Send both challenge and solution, or neither.").ToProblem();
        }
        var solution = request.Challenge is null ? null : new ProofOfWorkSolution(request.Challenge, request.Solution!.Value);
        var address = OtpAddressMeter.KeyFor(http.Connection.RemoteIpAddress);
        var language = BookingEndpoints.NotificationLanguage(request.Language, http.Request);
        var result = await otp.SendAsync(phone, language, address, solution, http.RequestAborted);
        if (!result.Sent)
        {
            if (result.RetryAfter is { } wait)
            {
                SetRetryAfter(http, wait);
            }
            return result.Challenge is { } challenge
                ? ApiProblems.Create(AuthProblems.CodeFor(result.Failure!.Code), result.Failure.Detail, new Dictionary<string, object?>
                {
                    ["challenge"] = new OtpChallengeDto(challenge.Token, challenge.Difficulty, challenge.ExpiresAt),
                })
                : result.Failure!.ToProblem();
        }
        var o = options.Value;
        return TypedResults.Accepted((string?)null, new OtpRequestedDto(phone, (int)o.CodeLifetime.TotalSeconds,
            (int)Math.Ceiling(o.ResendCooldown.TotalSeconds), result.DemoCode));
    }

    private static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Verify(OtpVerifyRequest request, HttpContext http, OtpService otp,
        IGrainFactory grains)
    {
        if (!PhoneNumber.TryNormalise(request.Phone, out var phone))
        {
            return InvalidPhone();
        }
        if (OtpService.NormaliseCode(request.Code) is not { } code)
        {
            return new AuthFailure(AuthErrorCode.InvalidCodeFormat, "The code is the six digits from the SMS.").ToProblem();
        }
        var result = await otp.VerifyAsync(phone, code, http.RequestAborted);
        if (result.Session is not { } session)
        {
            return result.Failure!.ToProblem();
        }
        // The passenger is about to hold seats: wake the phone's grain now (one-way, nothing waits for it), so the first
        // hold does not wait for its state read (docs/profiles/cold-holds.md).
        grains.GetGrain<IPhoneGrain>(phone).PrepareAsync().Ignore();
        return TypedResults.Ok(session);
    }

    private static ProblemHttpResult InvalidPhone() => new AuthFailure(AuthErrorCode.InvalidPhone,
        "Enter a Bangladeshi mobile number such as 01712-345678.").ToProblem();

    private static void SetRetryAfter(HttpContext http, TimeSpan wait) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
