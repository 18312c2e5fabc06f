using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.SignalR;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>
/// Live seat maps. <c>Watch</c> joins the trip's group and returns a versioned snapshot; the server then sends
/// <c>seatsChanged</c> deltas (version + 1 each) and <c>resync</c> when the client must take a new snapshot.
/// Arguments are checked before any grain is called: a null, malformed or unknown trip id (or stop) is a
/// <see cref="HubException"/> to that caller only, the connection stays open, and nothing is activated. One connection
/// watches at most <see cref="MaxWatchedTrips"/> trips at once.
/// </summary>
public sealed class TripsHub(IGrainFactory grains, TripWatchService watches, TripDirectory directory) : Hub
{
    public const string Path = "/hubs/trips";

    /// <summary>Trips one connection may watch at the same time (a page watches one; the ops board a day's departures).</summary>
    public const int MaxWatchedTrips = 20;

    private const int MaxStopIdLength = 64;

    public async Task<SeatMapDto> Watch(string? tripId, string? from, string? to)
    {
        if (!await directory.ExistsAsync(tripId))
        {
            throw new HubException("There is no trip with this id.");
        }
        if (!IsStopId(from) || !IsStopId(to))
        {
            throw new HubException("from and to must be stop ids of the trip.");
        }
        // Invocations of one connection run one at a time (SignalR's default), so the set needs no lock.
        var watched = Watched();
        if (!watched.Contains(tripId!) && watched.Count >= MaxWatchedTrips)
        {
            throw new HubException($"At most {MaxWatchedTrips} trips can be watched at once; unwatch one first.");
        }
        var trip = grains.GetGrain<ITripGrain>(tripId!);
        if (await trip.GetDefinitionAsync() is null)
        {
            throw new HubException("There is no trip with this id.");
        }
        watched.Add(tripId!);
        await Groups.AddToGroupAsync(Context.ConnectionId, TripWatchService.GroupName(tripId!));
        // The grain stream must be live before the snapshot is read, so no change can fall between the two.
        await watches.AddViewerAsync(tripId!, Context.ConnectionId);
        var owner = Context.GetHttpContext() is { } http ? OwnerResolver.Find(http) : null;
        var result = await trip.GetSeatMapAsync(from!, to!, owner);
        if (result.Map is not { } map)
        {
            throw new HubException(result.Failure!.Detail);
        }
        return SeatMapDto.Of(map);
    }

    public async Task Unwatch(string? tripId)
    {
        if (!TripDirectory.IsWellFormed(tripId) || !Watched().Remove(tripId!))
        {
            throw new HubException("This connection is not watching that trip.");
        }
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, TripWatchService.GroupName(tripId!));
        watches.RemoveViewer(tripId!, Context.ConnectionId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watches.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private HashSet<string> Watched()
    {
        if (Context.Items.TryGetValue(nameof(Watched), out var value) && value is HashSet<string> set)
        {
            return set;
        }
        var created = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[nameof(Watched)] = created;
        return created;
    }

    private static bool IsStopId(string? stopId) =>
        stopId is { Length: > 0 and <= MaxStopIdLength } && !string.IsNullOrWhiteSpace(stopId) && !stopId.Any(char.IsControl);
}
