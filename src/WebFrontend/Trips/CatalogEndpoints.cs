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
    /// <summary>Most places one <c>?q=</c> answers: an autocomplete list, not a directory.</summary>
    public const int MaxPlaces = 20;

    /// <summary>Days either side of the searched day on the date strip.</summary>
    public const int CalendarSpan = 3;

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Trips");
        api.MapGet("/stops", GetStops)
            .WithSummary("All stops with their cities; with q, the cities and then the stops whose English or Bangla name, old spelling or id matches")
            .CacheOutput(ListingCache.Policy);
        api.MapGet("/trips", SearchTrips)
            .WithSummary("Trips from a city or stop to another on a day, each with its boarding and alighting stop, fare and free seats on that leg")
            .CacheOutput(ListingCache.Policy);
        api.MapGet("/trips/calendar", GetCalendar)
            .WithSummary("The date strip: for the searched day and three days either side, the lowest fare and seats left, from the departure boards")
            .CacheOutput(ListingCache.Policy);
        api.MapGet("/trips/{tripId}", GetTrip).WithSummary("A trip with its stops, fares and seat layout");
        return app;
    }

    private static async Task<Ok<List<StopDto>>> GetStops(string? q, NetworkCache cache)
    {
        var network = await cache.GetAsync();
        if (string.IsNullOrWhiteSpace(q))
        {
            return TypedResults.Ok(network.Network.Stops.Select(s => StopOf(network, s)).ToList());
        }
        // Cities first: a passenger thinks "Dhaka", not "Dhaka (Kalyanpur)". Only cities with a stop, so every answer can be searched.
        var cities = network.Network.CityList
            .Where(c => network.StopsByCity[c.Id].Any())
            .Select(c => (Score: PlaceNames.Score(q, PlaceNames.Of(c)), Place: CityOf(c)));
        var stops = network.Network.Stops
            .Select(s => (Score: PlaceNames.Score(q, StopNames(network, s)), Place: StopOf(network, s)));
        return TypedResults.Ok(Ranked(cities).Concat(Ranked(stops)).Take(MaxPlaces).ToList());
    }

    private static IEnumerable<StopDto> Ranked(IEnumerable<(int? Score, StopDto Place)> places) =>
        places.Where(p => p.Score is not null).OrderBy(p => p.Score).ThenBy(p => p.Place.NameEn, StringComparer.Ordinal).Select(p => p.Place);

    // A stop answers to its own names and to its city's, so "Jessore" also finds the Jashore counter.
    private static IEnumerable<string> StopNames(NetworkCache.Snapshot network, Stop stop) =>
        network.Cities.TryGetValue(stop.City, out var city) ? [stop.Id, stop.NameEn, stop.NameBn, .. PlaceNames.Of(city)] : [stop.Id, stop.NameEn, stop.NameBn];

    private static StopDto CityOf(City city) => new(city.Id, city.NameEn, city.NameBn, city.NameEn, null, "city", city.Id, city.NameBn, city.Aliases);

    private static StopDto StopOf(NetworkCache.Snapshot network, Stop stop) => network.Cities.TryGetValue(stop.City, out var city)
        ? new(stop.Id, stop.NameEn, stop.NameBn, city.NameEn, stop.Kind.ToString(), "stop", city.Id, city.NameBn, city.Aliases)
        : new(stop.Id, stop.NameEn, stop.NameBn, stop.City, stop.Kind.ToString(), "stop", stop.City, stop.City, []);

    private static async Task<Results<Ok<List<TripListingDto>>, ProblemHttpResult>> SearchTrips(
        string? from, string? to, string? date, NetworkCache cache, BoardCache boardCache, TimeProvider time)
    {
        var network = await cache.GetAsync();
        if (ParseSearch(network, from, to, date) is not { } search)
        {
            return SearchProblem(network, from, to, date);
        }
        var boards = await Task.WhenAll(TripSearch.BoardDaysFor(search.Day).Select(boardCache.GetAsync));
        return TypedResults.Ok(TripSearch.Find(boards.SelectMany(b => b), search.From, search.To, search.Day, network, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<List<CalendarDayDto>>, ProblemHttpResult>> GetCalendar(
        string? from, string? to, string? date, NetworkCache cache, BoardCache boardCache, TimeProvider time, IOptions<SalesWindowOptions> window)
    {
        var network = await cache.GetAsync();
        if (ParseSearch(network, from, to, date) is not { } search)
        {
            return SearchProblem(network, from, to, date);
        }
        var now = time.GetUtcNow();
        var today = ServiceDay.Of(now);
        // The seeder keeps DaysAhead service days created, today included.
        var lastOnSale = today.AddDays(window.Value.DaysAhead - 1);
        var days = Enumerable.Range(-CalendarSpan, 2 * CalendarSpan + 1).Select(search.Day.AddDays).ToList();
        // Every board the strip needs, read once each: a day's listing also reads the day before (night coaches).
        var boardDays = days.SelectMany(TripSearch.BoardDaysFor).Distinct().Where(d => d >= today.AddDays(-1) && d <= lastOnSale).ToList();
        var reads = await Task.WhenAll(boardDays.Select(async d =>
            (Day: d, Summaries: await boardCache.GetAsync(d))));
        var boards = reads.ToDictionary(r => r.Day, r => r.Summaries);
        return TypedResults.Ok(days.Select(day =>
        {
            var status = day < today ? "past" : day > lastOnSale ? "notYetOnSale" : "open";
            List<TripListingDto> trips = status == "open"
                ? TripSearch.Find(TripSearch.BoardDaysFor(day).SelectMany(d => boards.GetValueOrDefault(d) ?? []), search.From, search.To, day, network, now)
                : [];
            var bookable = trips.Where(t => t.SalesOpen && t.FreeSeats > 0).ToList();
            return new CalendarDayDto(day, status, bookable.Count > 0 ? bookable.Min(t => t.Fare) : null, bookable.Sum(t => t.FreeSeats), trips.Count);
        }).ToList());
    }

    private sealed record Search(SearchPlace From, SearchPlace To, DateOnly Day);

    private static Search? ParseSearch(NetworkCache.Snapshot network, string? from, string? to, string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && TripSearch.Resolve(network, from) is { } start && TripSearch.Resolve(network, to) is { } end
        && !SameCity(start, end) && start.Id != end.Id
            ? new Search(start, end, day)
            : null;

    // A city to itself, or a city to one of its own stops, is no journey; two stops of one city are left to the timetable.
    private static bool SameCity(SearchPlace from, SearchPlace to) => (from.IsCity || to.IsCity) && from.CityId == to.CityId;

    /// <summary>Why <see cref="ParseSearch"/> refused the query, as the problem that names it.</summary>
    private static ProblemHttpResult SearchProblem(NetworkCache.Snapshot network, string? from, string? to, string? date)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return ApiProblems.Invalid("date must be a day in the form YYYY-MM-DD.");
        }
        var (start, end) = (TripSearch.Resolve(network, from), TripSearch.Resolve(network, to));
        if (start is null || end is null)
        {
            var (field, value) = start is null ? ("from", from) : ("to", to);
            return ApiProblems.Create("unknown-place",
                value is null ? $"{field} is missing: give a city or stop id from /api/stops." : $"{field} '{value}' is neither a city nor a stop; look it up with /api/stops?q=.",
                new Dictionary<string, object?> { ["field"] = field });
        }
        if (SameCity(start, end))
        {
            var city = network.Cities.GetValueOrDefault(start.CityId)?.NameEn ?? start.CityId;
            return ApiProblems.Create("same-city", $"from and to are both in {city}; pick another city to travel to.",
                new Dictionary<string, object?> { ["field"] = "to" });
        }
        return ApiProblems.Invalid("from and to must be different stops.", "invalid-leg");
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
