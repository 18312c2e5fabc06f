using System.Security.Claims;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Ops actions on a whole trip: cancel (refunding every booking), delay, change the coach. Each is audited with the ops user.</summary>
public static class AdminTripEndpoints
{
    public static IEndpointRouteBuilder MapAdminTripEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/trips/{tripId}").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops);
        admin.MapPost("/cancel", CancelTrip)
            .WithSummary("Cancel the trip and refund every booking in full (idempotent: again finishes outstanding refunds)")
            .Audited("trip.cancelled", "tripId");
        admin.MapGet("/cancellation", GetCancellation).WithSummary("Progress of the trip's cancellation");
        admin.MapPost("/delay", DelayTrip).WithSummary("Move the departure later; every stop and booking moves with it")
            .Audited("trip.delayed", "tripId");
        admin.MapPut("/coach", ChangeCoach)
            .WithSummary("Put another coach of the same class on the trip, if every taken seat exists on it and it is free at that time")
            .Audited("trip.coach-changed", "tripId");
        return app;
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirst(AuthClaims.Subject)?.Value ?? "";

    private static async Task<Results<Ok<TripCancellationDto>, ProblemHttpResult>> CancelTrip(
        string tripId, CancelTripRequest request, ClaimsPrincipal user, TripOpsService ops, IOutputCacheStore cache, HttpContext http)
    {
        var result = await ops.CancelAsync(tripId, new CancelTrip(Actor(user), request.Reason?.Trim() ?? ""), http.RequestAborted);
        if (result.Cancellation is not { } cancellation)
        {
            return result.Failure!.ToProblem();
        }
        await cache.EvictByTagAsync(ListingCache.Tag, http.RequestAborted);
        return TypedResults.Ok(TripCancellationDto.Of(tripId, cancellation));
    }

    private static async Task<Results<Ok<TripCancellationDto>, ProblemHttpResult>> GetCancellation(string tripId, IGrainFactory grains)
    {
        var trip = grains.GetGrain<ITripGrain>(tripId);
        if (await trip.GetCancellationAsync() is { } cancellation)
        {
            return TypedResults.Ok(TripCancellationDto.Of(tripId, cancellation));
        }
        return await trip.GetDefinitionAsync() is null
            ? TripFailure.Of(TripErrorCode.TripNotFound, $"There is no trip {tripId}.").ToProblem()
            : TripFailure.Of(TripErrorCode.InvalidRequest, "This trip is not cancelled.").ToProblem();
    }

    private static async Task<Results<Ok<TripChangeDto>, ProblemHttpResult>> DelayTrip(
        string tripId, DelayTripRequest request, ClaimsPrincipal user, TripOpsService ops, IOutputCacheStore cache, HttpContext http)
    {
        if (request.Departure is not { } departure)
        {
            return ApiProblems.Invalid("departure must be a date and time with its offset, e.g. 2026-12-01T23:30:00+06:00.");
        }
        var result = await ops.DelayAsync(tripId, new DelayTrip(departure, Actor(user), request.Reason?.Trim() ?? ""), http.RequestAborted);
        if (result.Trip is not { } trip)
        {
            return result.Failure!.ToProblem();
        }
        await cache.EvictByTagAsync(ListingCache.Tag, http.RequestAborted);
        return TypedResults.Ok(TripChangeDto.Of(trip, result.Bookings.Count));
    }

    private static async Task<Results<Ok<TripChangeDto>, ProblemHttpResult>> ChangeCoach(
        string tripId, ChangeCoachRequest request, ClaimsPrincipal user, TripOpsService ops, IOutputCacheStore cache, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.CoachId))
        {
            return ApiProblems.Invalid("coachId must name a coach of the network.");
        }
        var outcome = await ops.ChangeCoachAsync(tripId, request.CoachId, Actor(user), request.Reason?.Trim() ?? "");
        if (outcome.UnknownCoach)
        {
            return ApiProblems.Invalid($"There is no coach {request.CoachId} (or its layout) in the network.", "unknown-coach");
        }
        if (outcome.Busy is { } busy)
        {
            return busy.ToProblem();
        }
        http.Items[AuditFilter.BeforeKey] = new { coachId = outcome.PreviousCoachId };
        var result = outcome.Result!;
        if (result.Trip is not { } trip)
        {
            return result.Failure!.ToProblem();
        }
        await cache.EvictByTagAsync(ListingCache.Tag, http.RequestAborted);
        return TypedResults.Ok(TripChangeDto.Of(trip, result.Bookings.Count));
    }
}
