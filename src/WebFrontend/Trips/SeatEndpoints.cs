using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Holds;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>Seat maps: each handler is one trip-grain call.</summary>
public static class SeatEndpoints
{
    public static IEndpointRouteBuilder MapSeatEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Seats");
        api.MapGet("/trips/{tripId}/seats", GetSeats).WithSummary("The seat map of a trip for a leg, from the trip's memory");
        return app;
    }

    private static async Task<Results<Ok<SeatMapDto>, ProblemHttpResult>> GetSeats(
        string tripId, string? from, string? to, HttpContext http, IGrainFactory grains)
    {
        if (from is null || to is null)
        {
            return ApiProblems.Invalid("from and to (stop ids) are required.");
        }
        var result = await grains.GetGrain<ITripGrain>(tripId).GetSeatMapAsync(from, to, OwnerResolver.Find(http));
        return result.Map is { } map ? TypedResults.Ok(SeatMapDto.Of(map)) : result.Failure!.ToProblem();
    }
}
