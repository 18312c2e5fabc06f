using DiuParibahan.Grains.Queue;
using Microsoft.AspNetCore.SignalR;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// Live waiting rooms. <c>Follow(windowId)</c> joins the window's group and returns its status; the server then sends
/// <c>queueChanged</c> (a <see cref="QueueStatusDto"/>) whenever admissions, seats left or the state change, sold out
/// and closed included, to every follower at once. The status is the same for everyone: a page works out its own
/// position as its place minus <c>admitted</c>. Unknown ids are refused from the frontend's window list, so they never
/// activate a grain.
/// </summary>
public sealed class QueueHub(IGrainFactory grains, SaleWindowDirectory windows) : Hub
{
    public const string Path = "/hubs/queue";
    public const string ChangedMethod = "queueChanged";
    public const int MaxFollowedWindows = 5;

    public static string GroupName(string windowId) => "queue:" + windowId;

    public async Task<QueueStatusDto> Follow(string? windowId)
    {
        if (await windows.FindAsync(windowId) is not { } window)
        {
            throw new HubException("There is no such sale window.");
        }
        var followed = Followed();
        if (!followed.Contains(window.Id) && followed.Count >= MaxFollowedWindows)
        {
            throw new HubException($"At most {MaxFollowedWindows} sale windows can be followed at once.");
        }
        followed.Add(window.Id);
        // Joined before the status is read, so no change can fall between the two.
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(window.Id));
        return QueueStatusDto.Of(await grains.GetGrain<IWaitingRoomGrain>(window.Id).GetStatusAsync());
    }

    public async Task Unfollow(string? windowId)
    {
        if (windowId is null || !Followed().Remove(windowId))
        {
            throw new HubException("This connection is not following that sale window.");
        }
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(windowId));
    }

    private HashSet<string> Followed()
    {
        if (Context.Items.TryGetValue(nameof(Followed), out var value) && value is HashSet<string> set)
        {
            return set;
        }
        var created = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[nameof(Followed)] = created;
        return created;
    }
}
