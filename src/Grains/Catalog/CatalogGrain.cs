using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Grains.Catalog;

/// <summary>The network and trip creation. Off the booking path: frontends cache what they read here.</summary>
public sealed partial class CatalogGrain(
    [PersistentState("catalog", StorageNames.Default)] IPersistentState<CatalogState> store,
    TimeProvider time,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private static readonly Network Empty = new([], [], [], [], []);

    private Network Current => store.State.Network ?? Empty;

    public Task<Network> GetNetworkAsync() => Task.FromResult(Current);

    public async Task<bool> SeedIfEmptyAsync(Network network)
    {
        if (store.State.Network is not null)
        {
            return false;
        }
        store.State.Network = network;
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

    public Task<CatalogResult> UpsertStopAsync(Stop stop) =>
        ChangeAsync(NetworkValidator.CheckStop(stop), n => n with { Stops = Replace(n.Stops, stop, s => s.Id == stop.Id) });

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
        var result = await ChangeAsync(NetworkValidator.CheckSchedule(Current, schedule),
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
