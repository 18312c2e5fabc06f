using Orleans.Concurrency;

namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// The network (stops, routes, layouts, coaches, schedules), one grain keyed <c>network</c>. Read rarely and cached by
/// web frontends; never on the seat-booking path.
/// </summary>
[Alias("DiuParibahan.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>The current network.</summary>
    [Alias("GetNetwork")]
    Task<Network> GetNetworkAsync();

    /// <summary>Stores <paramref name="network"/> if no network exists yet; returns true if it did.</summary>
    [Alias("SeedIfEmpty")]
    Task<bool> SeedIfEmptyAsync(Network network);

    /// <summary>
    /// Creates the trips of every schedule for <paramref name="days"/> service days from <paramref name="firstDay"/>
    /// (Asia/Dhaka dates) on their trip grains and departure boards. Idempotent. Returns the number of trips scheduled.
    /// </summary>
    [Alias("EnsureTrips")]
    Task<int> EnsureTripsAsync(DateOnly firstDay, int days);

    /// <summary>Adds or replaces a stop.</summary>
    [Alias("UpsertStop")]
    Task<CatalogResult> UpsertStopAsync(Stop stop);

    /// <summary>Removes a stop no route uses.</summary>
    [Alias("DeleteStop")]
    Task<CatalogResult> DeleteStopAsync(string stopId);

    /// <summary>Adds or replaces a seat layout. Trips already created keep the layout they were created with.</summary>
    [Alias("UpsertLayout")]
    Task<CatalogResult> UpsertLayoutAsync(SeatLayout layout);

    /// <summary>Adds or replaces a coach.</summary>
    [Alias("UpsertCoach")]
    Task<CatalogResult> UpsertCoachAsync(Coach coach);

    /// <summary>Adds or replaces a route. Trips already created keep their stops and fares.</summary>
    [Alias("UpsertRoute")]
    Task<CatalogResult> UpsertRouteAsync(Route route);

    /// <summary>
    /// Adds or replaces a schedule and creates its trips for the days ahead that are already planned
    /// (<see cref="CatalogResult.TripsCreated"/>). Refused if the coach would be on two trips at once.
    /// </summary>
    [Alias("UpsertSchedule")]
    Task<CatalogResult> UpsertScheduleAsync(Schedule schedule);

    /// <summary>Stops a schedule creating new trips; trips already created run as planned.</summary>
    [Alias("DeleteSchedule")]
    Task<CatalogResult> DeleteScheduleAsync(string scheduleId);

    /// <summary>
    /// Whether coach <paramref name="coachId"/> is free for trip <paramref name="tripId"/> from
    /// <paramref name="departure"/> to <paramref name="arrival"/>: a <see cref="CatalogErrorCode.CoachBusy"/> failure naming
    /// the listed, not cancelled trip it already runs within the turnaround margin (config <c>Coaches:TurnaroundMargin</c>),
    /// or <see cref="CatalogResult.Ok"/>. Reads the departure boards; changes nothing.
    /// </summary>
    [Alias("CheckCoachFree")]
    Task<CatalogResult> CheckCoachFreeAsync(string coachId, string tripId, DateTimeOffset departure, DateTimeOffset arrival);
}

/// <summary>The departures of one service day (Asia/Dhaka date), keyed <c>yyyy-MM-dd</c>. Answers searches.</summary>
[Alias("DiuParibahan.IDepartureBoardGrain")]
public interface IDepartureBoardGrain : IGrainWithStringKey
{
    /// <summary>Adds trips (idempotent by trip id).</summary>
    [Alias("AddTrips")]
    Task AddTripsAsync(IReadOnlyList<TripDefinition> trips);

    /// <summary>All departures of the day, ordered by departure time.</summary>
    [Alias("GetDepartures"), AlwaysInterleave]
    Task<IReadOnlyList<Departure>> GetDeparturesAsync();

    /// <summary>All departures of the day in search form (no seat layouts), ordered by departure time.</summary>
    [Alias("GetSummaries"), AlwaysInterleave]
    Task<IReadOnlyList<DepartureSummary>> GetSummariesAsync();

    /// <summary>A trip reports its seat availability after a persisted change; older versions are ignored.</summary>
    [Alias("ReportAvailability"), OneWay, AlwaysInterleave]
    Task ReportAvailabilityAsync(string tripId, TripAvailability availability);

    /// <summary>Lists the trip's new definition (ops delayed it or changed its coach). Idempotent.</summary>
    [Alias("ReplaceTrip")]
    Task ReplaceTripAsync(TripDefinition trip);
}
