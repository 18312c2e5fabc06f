using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Queue;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Holds;

/// <summary>Holding seats, reading and releasing a hold: each handler is one trip-grain call.</summary>
public static class HoldEndpoints
{
    public static IEndpointRouteBuilder MapHoldEndpoints(this IEndpointRouteBuilder app)
    {
        // Tagged with the seat map in the API reference: a passenger holds seats from it.
        var api = app.MapGroup("/api").WithTags("Seats");
        api.MapPost("/trips/{tripId}/holds", CreateHold)
            .WithSummary("Hold seats for a leg, all or nothing (idempotent by requestId); needs a verified phone (or staff)")
            .RequireRateLimiting(RateLimits.Holds)
            .AddEndpointFilter<AdmissionGate>();
        api.MapGet("/holds/{holdId}", GetHold).WithSummary("A live hold, for its owner and for staff");
        api.MapDelete("/holds/{holdId}", ReleaseHold).WithSummary("Release a hold you own");
        return app;
    }

    private static async Task<Results<Created<HoldDto>, Ok<HoldDto>, ProblemHttpResult>> CreateHold(
        string tripId, CreateHoldRequest request, HttpContext http, IGrainFactory grains, TripWatchService watches)
    {
        if (request.Seats is null || request.From is null || request.To is null)
        {
            return ApiProblems.Invalid("seats, from and to are required.");
        }
        if (string.IsNullOrWhiteSpace(request.RequestId) || request.RequestId.Length > 100)
        {
            return ApiProblems.Invalid("requestId is required (at most 100 characters); reuse it when retrying the same hold.");
        }
        // A seat belongs to a verified phone: cookies and guest tokens cost nothing to mint, so they hold nothing.
        var staff = PassengerPhone.IsStaff(http.User);
        var phone = staff ? null : PassengerPhone.Verified(http.User);
        if ((phone is null && !staff) || OwnerResolver.Find(http) is not { } owner)
        {
            return new AuthFailure(AuthErrorCode.PhoneVerificationRequired,
                "Sign in with the code we text to your mobile number to hold seats.").ToProblem();
        }
        var result = await grains.GetGrain<ITripGrain>(tripId)
            .HoldAsync(new HoldSeats(owner, request.Seats, request.From, request.To, request.RequestId, SalesChannel.Online, phone));
        TripVersionHeaders.Set(http, result.Version);
        ApplyToReplica(watches, result.Change);
        if (result.Hold is not { } hold)
        {
            return result.Failure!.ToProblem();
        }
        var dto = HoldDto.Of(hold);
        return TypedResults.Created($"/api/holds/{Uri.EscapeDataString(dto.HoldId)}", dto);
    }

    private static async Task<Results<Ok<HoldDto>, ProblemHttpResult>> GetHold(
        string holdId, HttpContext http, IGrainFactory grains, IAuthorizationService authorization)
    {
        if (!HoldReference.TryParse(holdId, out var tripId, out var id)
            || await grains.GetGrain<ITripGrain>(tripId).GetHoldAsync(id) is not { } hold)
        {
            return TripFailure.Of(TripErrorCode.HoldNotFound, "There is no such hold, or it has expired.").ToProblem();
        }
        if (hold.OwnerId != OwnerResolver.Find(http) && !(await authorization.AuthorizeAsync(http.User, AuthPolicies.Staff)).Succeeded)
        {
            return TripFailure.Of(TripErrorCode.NotHoldOwner, "The hold belongs to someone else.").ToProblem();
        }
        return TypedResults.Ok(HoldDto.Of(hold));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseHold(
        string holdId, HttpContext http, IGrainFactory grains, TripWatchService watches)
    {
        if (!HoldReference.TryParse(holdId, out var tripId, out var id))
        {
            return TripFailure.Of(TripErrorCode.HoldNotFound, "There is no such hold.").ToProblem();
        }
        if (OwnerResolver.Find(http) is not { } owner)
        {
            return TripFailure.Of(TripErrorCode.NotHoldOwner, "The hold belongs to someone else.").ToProblem();
        }
        var result = await grains.GetGrain<ITripGrain>(tripId).ReleaseAsync(id, owner);
        TripVersionHeaders.Set(http, result.Version);
        ApplyToReplica(watches, result.Change);
        return result.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
    }

    /// <summary>
    /// The write's own durable change goes to this frontend's replica of the trip (if it keeps one) before the answer,
    /// so the writer's next read, asking for the answer's version, is served from the replica without waiting for the
    /// trip's stream to bring the change.
    /// </summary>
    private static void ApplyToReplica(TripWatchService watches, TripUpdate? change)
    {
        if (change is not null)
        {
            watches.ReplicaOf(change.TripId)?.ApplyWrite(change);
        }
    }
}
