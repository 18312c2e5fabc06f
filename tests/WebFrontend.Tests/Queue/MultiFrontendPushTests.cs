using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using DiuParibahan.WebFrontend.Queue;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Tests.Queue;

/// <summary>
/// Behind a load balancer a window's followers are spread over several frontends, and each frontend's hub groups hold
/// only its own connections. The grain does not push: every frontend's <see cref="WaitingRoomMonitor"/> reads the
/// window's status each round and sends it to its own followers when it changed, so a sell-out that another frontend
/// reported first must still reach this frontend's followers. The second frontend here is a second monitor over the same
/// grains with a hub of its own that records what it sends.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class MultiFrontendPushTests(QueueAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SoldOut_ReportedByOneFrontend_IsPushedByAnotherToItsOwnFollowers()
    {
        var (route, day) = await app.FreshRouteDayAsync();
        var windowId = await app.AnnounceAsync(route, day, DateTimeOffset.UtcNow.AddSeconds(4));
        var otherHub = new RecordingHub();
        var other = OtherFrontend(otherHub);
        var changes = Channel.CreateUnbounded<JsonElement>();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, QueueHub.Path)).Build();
        connection.On<JsonElement>(QueueHub.ChangedMethod, e => changes.Writer.TryWrite(e));
        await connection.StartAsync(Ct);
        await using var _ = connection;
        await connection.InvokeAsync<JsonElement>("Follow", windowId, Ct);
        await ReadUntilAsync(changes, "open");

        // The other frontend has told its followers the window is open with seats left.
        await other.TickAsync(Ct);
        var before = otherHub.SentTo(QueueHub.GroupName(windowId));
        Assert.NotEmpty(before);
        Assert.Equal("open", before[^1].State);

        // The app's own monitor sees the sell-out first and tells its follower ...
        await app.SellOutAsync(route, day);
        await ReadUntilAsync(changes, "soldout");

        // ... and the other frontend's next round pushes it to the followers it holds.
        await other.TickAsync(Ct);
        var after = otherHub.SentTo(QueueHub.GroupName(windowId));
        Assert.Equal("soldout", after[^1].State);
        Assert.Equal(0, after[^1].SeatsLeft);
    }

    private static async Task ReadUntilAsync(Channel<JsonElement> changes, string state)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        wait.CancelAfter(TimeSpan.FromSeconds(20));
        while ((await changes.Reader.ReadAsync(wait.Token)).GetProperty("state").GetString() != state)
        {
        }
    }

    private WaitingRoomMonitor OtherFrontend(IHubContext<QueueHub> hub) => new(
        app.Services.GetRequiredService<SaleWindowDirectory>(),
        app.Services.GetRequiredService<SeatsLeftCounter>(),
        app.Services.GetRequiredService<IGrainFactory>(),
        hub,
        TimeProvider.System,
        app.Services.GetRequiredService<IOptions<QueueOptions>>(),
        NullLogger<WaitingRoomMonitor>.Instance);

    /// <summary>A frontend's hub context that keeps every <c>queueChanged</c> sent to a group.</summary>
    private sealed class RecordingHub : IHubContext<QueueHub>
    {
        private readonly ConcurrentQueue<(string Group, QueueStatusDto Status)> _sent = new();

        public RecordingHub() => Clients = new GroupClients(this);

        public IHubClients Clients { get; }

        public IGroupManager Groups => throw new NotSupportedException("The monitor only sends.");

        public IReadOnlyList<QueueStatusDto> SentTo(string group) => [.. _sent.Where(s => s.Group == group).Select(s => s.Status)];

        private sealed class GroupClients(RecordingHub hub) : IHubClients
        {
            public IClientProxy Group(string groupName) => new Proxy(hub, groupName);

            public IClientProxy All => throw new NotSupportedException();

            public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Client(string connectionId) => throw new NotSupportedException();

            public IClientProxy Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

            public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

            public IClientProxy User(string userId) => throw new NotSupportedException();

            public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
        }

        private sealed class Proxy(RecordingHub hub, string group) : IClientProxy
        {
            public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
            {
                Assert.Equal(QueueHub.ChangedMethod, method);
                hub._sent.Enqueue((group, Assert.IsType<QueueStatusDto>(args[0])));
                return Task.CompletedTask;
            }
        }
    }
}
