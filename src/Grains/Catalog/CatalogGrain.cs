using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Grains.Catalog;

/// <summary>The network and trip creation. Off the booking path: frontends cache what they read here.</summary>
public sealed partial class CatalogGrain(
    [PersistentState("catalog", StorageNames.Default)] IPersistentState<CatalogState> store,
    TimeProvider time,
    IOptions<CoachTimetableOptions> coaches,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    // Before ops add anything there are no stops yet, but the cities are there to put stops in.
    private static readonly Network Empty = new([], [], [], [], [], Cities.All);

    private Network Current => store.State.Network ?? Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A network stored before cities existed gets them once, so city search and the stop form work on it too.
        if (store.State.Network is { Cities: null } old)
        {
            store.State.Network = Cities.Upgrade(old);
            await store.WriteStateAsync(cancellationToken);
        }
    }

    public Task<Network> GetNetworkAsync() => Task.FromResult(Current);

    public async Task<bool> SeedIfEmptyAsync(Network network)
    {
        if (store.State.Network is not null)
        {
            return false;
        }
        store.State.Network = Cities.Upgrade(network);
        await store.WriteStateAsync();
        return true;
    }

    public async Task<int> EnsureTripsAsync(DateOnly firstDay, int days)
    {
        if (store.State.Network is not { } network)
        {
            return 0;
        }
        var scheduled = 0;
        var added = false;
        for (var day = firstDay; day < firstDay.AddDays(days); day = day.AddDays(1))
        {
            if (store.State.ScheduledDays.Contains(day))
            {
                continue;
            }
            scheduled += await CreateTripsAsync(TripPlanner.TripsOn(network, day), day);
            added |= store.State.ScheduledDays.Add(day);
        }
        // Keep the bookkeeping bounded: days long past are never scheduled again.
        var pruned = store.State.ScheduledDays.RemoveWhere(d => d < firstDay.AddDays(-7));
        // Start-up and the hourly roll-forward usually find nothing to do; then there is nothing to write either.
        if (scheduled > 0 || pruned > 0 || added)
        {
            await store.WriteStateAsync();
        }
        if (scheduled > 0)
        {
            LogScheduled(logger, scheduled, firstDay, days);
        }
        return scheduled;
    }

    public Task<CatalogResult> UpsertStopAsync(Stop stop)
    {
        // Ops may name the city by id or by any of its names ("Chittagong"); the stop stores the id.
        var placed = PlaceNames.ResolveCity(Current.CityList, stop.City) is { } city ? stop with { City = city.Id } : stop;
        return ChangeAsync(NetworkValidator.CheckStop(Current, placed), n => n with { Stops = Replace(n.Stops, placed, s => s.Id == placed.Id) });
    }

    public Task<CatalogResult> DeleteStopAsync(string stopId) =>
        Current.Stops.All(s => s.Id != stopId)
            ? Task.FromResult(CatalogResult.Fail(CatalogErrorCode.NotFound, $"There is no stop {stopId}.", "id"))
            : ChangeAsync(NetworkValidator.CheckStopDeletion(Current, stopId), n => n with { Stops = n.Stops.Where(s => s.Id != stopId).ToList() });

    public Task<CatalogResult> UpsertLayoutAsync(SeatLayout layout) =>
        ChangeAsync(NetworkValidator.CheckLayout(layout), n => n with { Layouts = Replace(n.Layouts, layout, l => l.Code == layout.Code) });

    public Task<CatalogResult> UpsertCoachAsync(Coach coach) =>
        ChangeAsync(NetworkValidator.CheckCoach(Current, coach), n => n with { Coaches = Replace(n.Coaches, coach, c => c.Id == coach.Id) });

    public Task<CatalogResult> UpsertRouteAsync(Route route) =>
        ChangeAsync(NetworkValidator.CheckRoute(Current, route), n => n with { Routes = Replace(n.Routes, route, r => r.Id == route.Id) });

    public async Task<CatalogResult> UpsertScheduleAsync(Schedule schedule)
    {
        var refusal = NetworkValidator.CheckSchedule(Current, schedule, coaches.Value.TurnaroundMargin);
        if (refusal is null)
        {
            // Schedules agree with each other; the trips already listed may not (a coach changed on one trip by ops).
            var candidate = Current with { Schedules = Replace(Current.Schedules, schedule, s => s.Id == schedule.Id) };
            foreach (var day in store.State.ScheduledDays.Where(d => d >= ServiceDay.Of(time.GetUtcNow())).Order())
            {
                foreach (var trip in TripPlanner.TripsOn(candidate, day, schedule.Id))
                {
                    if ((await CheckCoachFreeAsync(trip.CoachId, trip.TripId, trip.Departure, trip.Stops[^1].Departure)).Failure is { } busy)
                    {
                        return new CatalogResult(busy, 0);
                    }
                }
            }
        }
        var result = await ChangeAsync(refusal,
            n => n with { Schedules = Replace(n.Schedules, schedule, s => s.Id == schedule.Id) });
        if (result.Failure is not null)
        {
            return result;
        }
        // Days already planned would not be visited again by EnsureTrips, so the new schedule's trips are made now.
        var created = 0;
        foreach (var day in store.State.ScheduledDays.Order())
        {
            created += await CreateTripsAsync(TripPlanner.TripsOn(Current, day, schedule.Id), day);
        }
        return result with { TripsCreated = created };
    }

    public Task<CatalogResult> DeleteScheduleAsync(string scheduleId) =>
        Current.Schedules.All(s => s.Id != scheduleId)
            ? Task.FromResult(CatalogResult.Fail(CatalogErrorCode.NotFound, $"There is no schedule {scheduleId}.", "id"))
            : ChangeAsync(null, n => n with { Schedules = n.Schedules.Where(s => s.Id != scheduleId).ToList() });

    public async Task<CatalogResult> CheckCoachFreeAsync(string coachId, string tripId, DateTimeOffset departure, DateTimeOffset arrival)
    {
        var margin = coaches.Value.TurnaroundMargin;
        var runs = new List<CoachRun>();
        // A trip listed on an earlier day may still be running, one on a later day may leave within the margin.
        var first = ServiceDay.Of(departure - margin).AddDays(-1);
        var last = ServiceDay.Of(arrival + margin);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var departures = await GrainFactory.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(day)).GetDeparturesAsync();
            runs.AddRange(departures
                .Where(d => d.Trip.CoachId == coachId && d.Availability?.Cancelled != true)
                .Select(d => new CoachRun(d.Trip.TripId, d.Trip.CoachId, d.Trip.Departure, d.Trip.Stops[^1].Departure)));
        }
        if (CoachTimetable.FindClash(runs, new CoachRun(tripId, coachId, departure, arrival), margin) is not { } clash)
        {
            return CatalogResult.Ok;
        }
        var registration = Current.Coaches.FirstOrDefault(c => c.Id == coachId)?.Registration ?? coachId;
        return new CatalogResult(new CatalogFailure(CatalogErrorCode.CoachBusy,
            $"Coach {registration} runs {clash.TripId} from {clash.Departure.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm} to "
            + $"{clash.Arrival.ToOffset(ServiceDay.DhakaOffset):HH:mm}; it needs {margin.TotalMinutes:0} minutes to turn around.",
            "coachId", clash.TripId), 0);
    }

    private async Task<CatalogResult> ChangeAsync(CatalogFailure? refusal, Func<Network, Network> change)
    {
        if (refusal is not null)
        {
            return new CatalogResult(refusal, 0);
        }
        store.State.Network = change(Current);
        await store.WriteStateAsync();
        return CatalogResult.Ok;
    }

    private async Task<int> CreateTripsAsync(IReadOnlyList<TripDefinition> trips, DateOnly day)
    {
        if (day < ServiceDay.Of(time.GetUtcNow()) || trips.Count == 0)
        {
            return 0;
        }
        await Task.WhenAll(trips.Select(t => GrainFactory.GetGrain<ITripGrain>(t.TripId).ScheduleAsync(t)));
        await GrainFactory.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(day)).AddTripsAsync(trips);
        return trips.Count;
    }

    private static List<T> Replace<T>(IReadOnlyList<T> items, T item, Func<T, bool> same)
    {
        // Edits keep their place, so lists shown to passengers and ops do not reshuffle.
        var list = items.ToList();
        var index = list.FindIndex(i => same(i));
        if (index >= 0)
        {
            list[index] = item;
        }
        else
        {
            list.Add(item);
        }
        return list;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} trips for {Days} days from {FirstDay}")]
    private static partial void LogScheduled(ILogger logger, int count, DateOnly firstDay, int days);
}
