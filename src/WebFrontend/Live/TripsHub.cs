using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.SignalR;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>
/// Live seat maps. <c>Watch</c> joins the trip's group and returns a versioned snapshot; the server then sends
/// <c>seatsChanged</c> deltas (version + 1 each) and <c>resync</c> when the client must take a new snapshot.
/// </summary>
public sealed class TripsHub(IGrainFactory grains, TripWatchService watches) : Hub
{
    public const string Path = "/hubs/trips";

    public async Task<SeatMapDto> Watch(string tripId, string from, string to)
    {
        var trip = grains.GetGrain<ITripGrain>(tripId);
        if (await trip.GetDefinitionAsync() is null)
        {
            throw new HubException($"There is no trip {tripId}.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, TripWatchService.GroupName(tripId));
        // The grain stream must be live before the snapshot is read, so no change can fall between the two.
        await watches.AddViewerAsync(tripId, Context.ConnectionId);
        var owner = Context.GetHttpContext() is { } http ? OwnerResolver.Find(http) : null;
        var result = await trip.GetSeatMapAsync(from, to, owner);
        if (result.Map is not { } map)
        {
            throw new HubException(result.Failure!.Detail);
        }
        return SeatMapDto.Of(map);
    }

    public async Task Unwatch(string tripId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, TripWatchService.GroupName(tripId));
        watches.RemoveViewer(tripId, Context.ConnectionId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watches.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
