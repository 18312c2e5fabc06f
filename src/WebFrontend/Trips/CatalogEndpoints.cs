using System.Globalization;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>Stops, trip search and trip details: read-only, answered from caches and departure boards.</summary>
public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Trips");
        api.MapGet("/stops", GetStops).WithSummary("All stops, with English and Bangla names").CacheOutput(ListingCache.Policy);
        api.MapGet("/trips", SearchTrips).WithSummary("Trips serving a leg on a day, with fare and free seats on that leg")
            .CacheOutput(ListingCache.Policy);
        api.MapGet("/trips/{tripId}", GetTrip).WithSummary("A trip with its stops, fares and seat layout");
        return app;
    }

    private static async Task<Ok<List<StopDto>>> GetStops(NetworkCache cache)
    {
        var network = (await cache.GetAsync()).Network;
        return TypedResults.Ok(network.Stops.Select(s => new StopDto(s.Id, s.NameEn, s.NameBn, s.City, s.Kind.ToString())).ToList());
    }

    private static async Task<Results<Ok<List<TripListingDto>>, ProblemHttpResult>> SearchTrips(
        string? from, string? to, string? date, NetworkCache cache, IGrainFactory grains, TimeProvider time)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ApiProblems.Invalid("date must be a day in the form YYYY-MM-DD.");
        }
        var stops = (await cache.GetAsync()).Stops;
        if (from is null || !stops.ContainsKey(from) || to is null || !stops.ContainsKey(to))
        {
            return ApiProblems.Invalid("from and to must be stop ids from /api/stops.", "unknown-stop");
        }
        if (from == to)
        {
            return ApiProblems.Invalid("from and to must be different stops.", "invalid-leg");
        }
        // A night coach that left the day before may reach this boarding stop after midnight.
        var boards = await Task.WhenAll(new[] { day.AddDays(-1), day }.Select(d =>
            grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(d)).GetSummariesAsync()));
        var now = time.GetUtcNow();
        var results = new List<TripListingDto>();
        foreach (var trip in boards.SelectMany(b => b))
        {
            var (i, j) = (trip.IndexOf(from), trip.IndexOf(to));
            // A delayed trip stays listed on the day it was timetabled for, even if the delay pushed it past midnight.
            var delay = trip.ScheduledDeparture is { } timetabled ? trip.Departure - timetabled : TimeSpan.Zero;
            if (i < 0 || j <= i || ServiceDay.Of(trip.Stops[i].Departure - delay) != day)
            {
                continue;
            }
            var cancelled = trip.Availability?.Cancelled ?? false;
            results.Add(new TripListingDto(trip.TripId, trip.RouteId, trip.RouteCode, trip.RouteNameEn, trip.RouteNameBn,
                trip.CoachClass, trip.CoachRegistration, trip.Stops[i].Departure, trip.Stops[j].Departure,
                trip.FareFor(i, j),
                trip.Availability?.FreeSeats(i, j) ?? trip.SeatCount,
                trip.SeatCount,
                !cancelled && now < trip.Stops[i].Departure - trip.SalesCloseBefore,
                cancelled, trip.ScheduledDeparture is null ? null : trip.Stops[i].Departure - delay));
        }
        return TypedResults.Ok(results.OrderBy(r => r.Departure).ToList());
    }

    private static async Task<Results<Ok<TripDetailDto>, ProblemHttpResult>> GetTrip(
        string tripId, NetworkCache cache, IGrainFactory grains, IOptions<OnlineHoldLimits> limits)
    {
        if (await grains.GetGrain<ITripGrain>(tripId).GetDefinitionAsync() is not { } trip)
        {
            return TripFailure.Of(TripErrorCode.TripNotFound, $"There is no trip {tripId}.").ToProblem();
        }
        var stops = (await cache.GetAsync()).Stops;
        var l = limits.Value;
        return TypedResults.Ok(new TripDetailDto(trip.TripId, trip.RouteId, trip.RouteCode, trip.RouteNameEn, trip.RouteNameBn,
            trip.CoachClass, trip.CoachRegistration,
            trip.Stops.Select(s => new TripStopDto(s.StopId, stops.GetValueOrDefault(s.StopId)?.NameEn ?? s.StopId,
                stops.GetValueOrDefault(s.StopId)?.NameBn ?? s.StopId, s.Departure)).ToList(),
            trip.LegFares, trip.Layout, trip.Departure - trip.SalesCloseBefore,
            new HoldLimitsDto(l.MaxSeatsPerOnlineHold, l.MaxOnlineHoldsPerOwner, l.OnlineHoldDuration.TotalMinutes),
            trip.ScheduledDeparture, TripPointDto.Of(TripPoints.Boarding(trip, stops)), TripPointDto.Of(TripPoints.Dropping(trip, stops)),
            trip.CrossBorder, trip.AbroadStops ?? []));
    }
}
