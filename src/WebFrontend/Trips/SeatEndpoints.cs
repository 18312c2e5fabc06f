using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Holds;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// Seat maps: answered from this frontend's replica of the trip when it is fresh and at least at the version the
/// caller asks for (<c>minVersion</c>), otherwise by one trip-grain call.
/// </summary>
public static class SeatEndpoints
{
    public static IEndpointRouteBuilder MapSeatEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Seats");
        api.MapGet("/trips/{tripId}/seats", GetSeats)
            .WithSummary("The seat map of a trip for a leg, from this frontend's replica or the trip's memory; "
                + "minVersion (or header Trip-Min-Version) asks for at least that trip version");
        return app;
    }

    private static async Task<Results<Ok<SeatMapDto>, ProblemHttpResult>> GetSeats(
        string tripId, string? from, string? to, HttpContext http, IGrainFactory grains, TripWatchService watches,
        TripDirectory directory, TimeProvider time)
    {
        if (from is null || to is null)
        {
            return ApiProblems.Invalid("from and to (stop ids) are required.");
        }
        if (!TripVersionHeaders.TryReadMinimum(http, out var minVersion))
        {
            return ApiProblems.Invalid("minVersion must be a whole number (the largest trip version you have seen).");
        }
        var owner = OwnerResolver.Find(http);
        // Only trips known to exist get a replica, so invented ids never start a grain watch.
        if ((watches.ReplicaOf(tripId) is not null || await directory.ExistsAsync(tripId))
            && await watches.ReadReplicaAsync(tripId, minVersion, http.RequestAborted) is { } replica
            && replica.SeatMap(from, to, owner, time.GetUtcNow()) is { } fromReplica)
        {
            return Answer(http, fromReplica, "replica");
        }
        var result = await grains.GetGrain<ITripGrain>(tripId).GetSeatMapAsync(from, to, owner);
        return result.Map is { } map ? Answer(http, map, "grain") : result.Failure!.ToProblem();
    }

    private static Ok<SeatMapDto> Answer(HttpContext http, SeatMap map, string source)
    {
        TripVersionHeaders.Set(http, map.Version);
        http.Response.Headers[TripVersionHeaders.Source] = source;
        return TypedResults.Ok(SeatMapDto.Of(map));
    }
}
