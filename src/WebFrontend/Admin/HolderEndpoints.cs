using System.Security.Claims;
using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Phones;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>
/// The hoarding console for ops: phones by live held seats (merged from the shards of the hoarding index, no scan),
/// and the two ways to stop a hoarder: release all their holds, block their new holds. <c>{phone}</c> takes any form
/// of the number (<c>+8801…</c>, <c>8801…</c>, <c>01…</c>, Bangla digits). Both writes are audited with the ops user.
/// </summary>
public static class HolderEndpoints
{
    public const int MaxReasonLength = 200;
    public static readonly TimeSpan LongestBlock = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapHolderEndpoints(this IEndpointRouteBuilder app)
    {
        var holders = app.MapGroup("/api/admin/holders").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops);
        holders.MapGet("/", ListHolders).WithSummary("Phones by live held seats, with recent holds, unpaid expiries and blocks (ops)");
        holders.MapPost("/{phone}/release", ReleaseHolder).WithSummary("Release every live hold of a phone (ops, audited)")
            .Audited("holder.released", "phone", "phone:");
        holders.MapPost("/{phone}/block", BlockHolder).WithSummary("Refuse a phone's new holds until a time (ops, audited)")
            .Audited("holder.blocked", "phone", "phone:");
        holders.MapDelete("/{phone}/block", UnblockHolder).WithSummary("Lift a phone's block (ops, audited)")
            .Audited("holder.unblocked", "phone", "phone:");
        return app;
    }

    private static async Task<Ok<HoldersDto>> ListHolders(int? limit, IGrainFactory grains, TimeProvider time)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, IHolderIndexGrain.Shards)
            .Select(shard => grains.GetGrain<IHolderIndexGrain>(shard).ListAsync()));
        var now = time.GetUtcNow();
        var holders = shards.SelectMany(s => s)
            .Select(s => HolderDto.Of(s, now))
            .OrderByDescending(h => h.HeldSeats).ThenByDescending(h => h.Blocked).ThenByDescending(h => h.HoldsLastHour)
            .ThenByDescending(h => h.ExpiredUnpaid).ThenBy(h => h.Phone, StringComparer.Ordinal)
            .Take(Math.Clamp(limit ?? 100, 1, 500))
            .ToList();
        return TypedResults.Ok(new HoldersDto(now, holders));
    }

    private static async Task<Results<Ok<HolderReleaseDto>, ProblemHttpResult>> ReleaseHolder(
        string phone, ReleaseHolderRequest? request, ClaimsPrincipal user, UserStore users, IGrainFactory grains, TimeProvider time,
        CancellationToken ct)
    {
        if (!PhoneNumber.TryNormalise(phone, out var normalised))
        {
            return InvalidPhone();
        }
        if (request?.Reason is { Length: > MaxReasonLength })
        {
            return ApiProblems.Invalid($"reason must be at most {MaxReasonLength} characters.");
        }
        var result = await grains.GetGrain<IPhoneGrain>(normalised).ReleaseAllAsync(await ActionAsync(user, users, request?.Reason, ct));
        return TypedResults.Ok(new HolderReleaseDto(result.Holds, result.Seats, result.Trips, HolderDto.Of(result.Summary, time.GetUtcNow())));
    }

    private static async Task<Results<Ok<HolderDto>, ProblemHttpResult>> BlockHolder(
        string phone, BlockHolderRequest request, ClaimsPrincipal user, UserStore users, IGrainFactory grains, TimeProvider time,
        CancellationToken ct)
    {
        if (!PhoneNumber.TryNormalise(phone, out var normalised))
        {
            return InvalidPhone();
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReasonLength)
        {
            return ApiProblems.Invalid($"reason is required (at most {MaxReasonLength} characters); the passenger is told it.");
        }
        var now = time.GetUtcNow();
        if (request.Until is not { } until || until <= now || until > now + LongestBlock)
        {
            return ApiProblems.Invalid("until must be a future date and time with its offset, at most a year ahead, e.g. 2026-12-31T23:59:00+06:00.");
        }
        var summary = await grains.GetGrain<IPhoneGrain>(normalised).BlockAsync(await ActionAsync(user, users, request.Reason, ct), until);
        return TypedResults.Ok(HolderDto.Of(summary, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<HolderDto>, ProblemHttpResult>> UnblockHolder(
        string phone, ClaimsPrincipal user, UserStore users, IGrainFactory grains, TimeProvider time, CancellationToken ct)
    {
        if (!PhoneNumber.TryNormalise(phone, out var normalised))
        {
            return InvalidPhone();
        }
        var summary = await grains.GetGrain<IPhoneGrain>(normalised).UnblockAsync(await ActionAsync(user, users, null, ct));
        return TypedResults.Ok(HolderDto.Of(summary, time.GetUtcNow()));
    }

    /// <summary>
    /// The ops user for the audit: id and role from the token, login from their account (the token carries only a
    /// display name, used if the account is gone).
    /// </summary>
    private static async Task<HolderAction> ActionAsync(ClaimsPrincipal user, UserStore users, string? reason, CancellationToken ct)
    {
        var id = user.FindFirst(AuthClaims.Subject)?.Value ?? "";
        var login = id.Length == 0 ? null : (await users.FindByIdAsync(id, ct))?.Login;
        return new HolderAction(id, login ?? user.FindFirst(AuthClaims.Name)?.Value ?? id, user.FindFirst(AuthClaims.Role)?.Value ?? "",
            reason?.Trim() ?? "");
    }

    private static ProblemHttpResult InvalidPhone() =>
        ApiProblems.Invalid("The phone must be a Bangladeshi mobile number, e.g. 01712345678 or +8801712345678.", "invalid-phone");
}
