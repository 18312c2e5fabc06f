using System.Globalization;
using System.Security.Claims;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Registration, sign-in, refresh, sign-out, guest tokens and "who am I".</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/register", Register).RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Create a passenger account (mobile number or e-mail + password) and sign in");
        auth.MapPost("/login", Login).RequireRateLimiting(RateLimits.Auth).WithSummary("Sign in: access token + refresh token");
        auth.MapPost("/refresh", Refresh).RequireRateLimiting(RateLimits.Refresh)
            .WithSummary("Trade a refresh token (once) for a new pair; a reused one closes the whole session");
        auth.MapPost("/logout", Logout).WithSummary("Revoke the session of a refresh token");
        auth.MapPost("/guest", Guest).WithSummary("An access token for the caller's anonymous owner (guest checkout, hub)");
        auth.MapGet("/me", Me).RequireAuthorization().WithSummary("The signed-in user or guest");
        auth.MapPost("/password", ChangePassword).RequireAuthorization().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Change the caller's password (also the way out of a temporary one); returns a new session");
        app.MapOtpEndpoints();
        return app;
    }

    private static async Task<Results<Created<SessionDto>, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext http, AccountService accounts, AccountThrottle throttle)
    {
        if (!LoginIdentifier.TryNormalise(request.Login, out var login))
        {
            return InvalidLogin();
        }
        if (Throttled(http, throttle, "register:" + login) is { } tooMany)
        {
            return tooMany;
        }
        var result = await accounts.RegisterAsync(login, request.Password, request.Name, http.RequestAborted);
        return result.Session is { } session ? TypedResults.Created("/api/auth/me", session) : result.Failure!.ToProblem();
    }

    private static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, AccountService accounts, AccountThrottle throttle)
    {
        if (!LoginIdentifier.TryNormalise(request.Login, out var login))
        {
            return InvalidLogin();
        }
        if (Throttled(http, throttle, "login:" + login) is { } tooMany)
        {
            return tooMany;
        }
        var result = await accounts.LoginAsync(login, request.Password ?? "", http.RequestAborted);
        return result.Session is { } session ? TypedResults.Ok(session) : result.Failure!.ToProblem();
    }

    private static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Refresh(RefreshRequest request, HttpContext http, AccountService accounts)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 100)
        {
            return new AuthFailure(AuthErrorCode.InvalidRefreshToken, "refreshToken is required.").ToProblem();
        }
        var result = await accounts.RefreshAsync(request.RefreshToken, http.RequestAborted);
        return result.Session is { } session ? TypedResults.Ok(session) : result.Failure!.ToProblem();
    }

    private static async Task<NoContent> Logout(RefreshRequest request, RefreshTokenStore refreshTokens, HttpContext http)
    {
        if (request.RefreshToken is { Length: > 0 and <= 100 } token)
        {
            await refreshTokens.RevokeAsync(token, http.RequestAborted);
        }
        return TypedResults.NoContent();
    }

    private static Results<Ok<SessionDto>, ProblemHttpResult> Guest(HttpContext http, TokenIssuer tokens)
    {
        if (http.User.Identity?.IsAuthenticated == true && !http.User.IsInRole(Roles.Guest))
        {
            return ApiProblems.Invalid("You are signed in; a guest token is only for anonymous visitors.", "already-signed-in");
        }
        var owner = OwnerResolver.GetOrCreate(http);
        var access = tokens.ForGuest(OwnerResolver.AnonymousId(owner));
        return TypedResults.Ok(new SessionDto(access.Token, access.ExpiresAt, null, null,
            new UserDto(owner, "Guest", Roles.Guest, null, null)));
    }

    private static async Task<Results<Ok<UserDto>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, UserStore users, HttpContext http)
    {
        var subject = principal.FindFirst(AuthClaims.Subject)?.Value;
        if (subject is null)
        {
            return TypedResults.Unauthorized();
        }
        if (principal.IsInRole(Roles.Guest))
        {
            return TypedResults.Ok(new UserDto(OwnerResolver.Find(http)!, "Guest", Roles.Guest, null, null));
        }
        // The account may have been deleted since the token was issued.
        return await users.FindByIdAsync(subject, http.RequestAborted) is { } user
            ? TypedResults.Ok(AccountService.ToDto(user))
            : TypedResults.Unauthorized();
    }

    private static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, HttpContext http, AccountService accounts, AccountThrottle throttle)
    {
        if (principal.IsInRole(Roles.Guest) || principal.FindFirst(AuthClaims.Subject)?.Value is not { } subject)
        {
            return new AuthFailure(AuthErrorCode.InvalidCredentials, "Sign in to an account to change its password.").ToProblem();
        }
        if (Throttled(http, throttle, "password:" + subject) is { } tooMany)
        {
            return tooMany;
        }
        var result = await accounts.ChangePasswordAsync(subject, request.CurrentPassword, request.NewPassword, http.RequestAborted);
        return result.Session is { } session ? TypedResults.Ok(session) : result.Failure!.ToProblem();
    }

    private static ProblemHttpResult InvalidLogin() => new AuthFailure(AuthErrorCode.InvalidLogin,
        "Enter a Bangladeshi mobile number (01XXXXXXXXX) or an e-mail address.").ToProblem();

    private static ProblemHttpResult? Throttled(HttpContext http, AccountThrottle throttle, string key)
    {
        if (throttle.TryAttempt(key) is not { } wait)
        {
            return null;
        }
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return new AuthFailure(AuthErrorCode.TooManyAttempts, "Too many attempts for this account; please wait a moment and try again.").ToProblem();
    }
}
