using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Holds;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Ops tools for holds: free seats a customer left stuck in a hold without waiting for it to expire.</summary>
public static class AdminHoldEndpoints
{
    public static IEndpointRouteBuilder MapAdminHoldEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops);
        admin.MapDelete("/holds/{holdId}", ReleaseAnyHold).WithSummary("Release anyone's hold (ops)").Audited("hold.released", "holdId", "hold:");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAnyHold(string holdId, IGrainFactory grains)
    {
        if (!HoldReference.TryParse(holdId, out var tripId, out var id))
        {
            return TripFailure.Of(TripErrorCode.HoldNotFound, "There is no such hold.").ToProblem();
        }
        var trip = grains.GetGrain<ITripGrain>(tripId);
        if (await trip.GetHoldAsync(id) is not { } hold)
        {
            return TripFailure.Of(TripErrorCode.HoldNotFound, "There is no such hold.").ToProblem();
        }
        // The grain releases only for the owner; ops acts on the owner's behalf.
        var result = await trip.ReleaseAsync(id, hold.OwnerId);
        return result.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
    }
}
