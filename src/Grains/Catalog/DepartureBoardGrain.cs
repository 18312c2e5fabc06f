using DiuParibahan.Grains.Trips;


namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// Answers "which departures run on this day, and how many seats are free" without asking every trip: trips push their
/// availability here (one-way) after each persisted change, and searches read it from memory.
/// </summary>

public sealed class DepartureBoardGrain(
    [PersistentState("departure-board", StorageNames.Default)] IPersistentState<DepartureBoardState> store)
    : Grain, IDepartureBoardGrain
{
    private readonly Dictionary<string, TripAvailability> _availability = [];
    private IReadOnlyList<Departure>? _sorted;
    private (IReadOnlyList<Departure> From, IReadOnlyList<DepartureSummary> Summaries)? _summaries;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Once per activation, not per search: learn current availability from the day's trips.
        var reads = store.State.Trips.Keys.Select(async id =>
            (id, await GrainFactory.GetGrain<ITripGrain>(id).GetAvailabilityAsync()));
        foreach (var (id, availability) in await Task.WhenAll(reads))
        {
            if (availability is not null)
            {
                _availability[id] = availability;
            }
        }
    }

    public async Task AddTripsAsync(IReadOnlyList<TripDefinition> trips)
    {
        var added = false;
        foreach (var trip in trips)
        {
            if (!store.State.Trips.ContainsKey(trip.TripId))
            {
                store.State.Trips[trip.TripId] = trip;
                added = true;
            }
        }
        if (added)
        {
            _sorted = null;
            await store.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Departure>> GetDeparturesAsync()
    {
        _sorted ??= store.State.Trips.Values
            .OrderBy(t => t.Departure)
            .ThenBy(t => t.TripId, StringComparer.Ordinal)
            .Select(t => new Departure(t, _availability.GetValueOrDefault(t.TripId)))
            .ToList();
        return Task.FromResult(_sorted);
    }

    public async Task<IReadOnlyList<DepartureSummary>> GetSummariesAsync()
    {
        // Derived from the sorted departures, so whatever invalidates those invalidates these too.
        var departures = await GetDeparturesAsync();
        if (_summaries is not { } cached || !ReferenceEquals(cached.From, departures))
        {
            _summaries = cached = (departures, departures.Select(DepartureSummary.Of).ToList());
        }
        return cached.Summaries;
    }

    public Task ReportAvailabilityAsync(string tripId, TripAvailability availability)
    {
        // One-way calls can arrive out of order; keep the newest version.
        if (!_availability.TryGetValue(tripId, out var known) || known.Version < availability.Version)
        {
            _availability[tripId] = availability;
            _sorted = null;
        }
        return Task.CompletedTask;
    }

    public async Task ReplaceTripAsync(TripDefinition trip)
    {
        if (store.State.Trips.TryGetValue(trip.TripId, out var known) && known == trip)
        {
            return;
        }
        store.State.Trips[trip.TripId] = trip;
        _sorted = null;
        await store.WriteStateAsync();
    }
}
