using System.Diagnostics;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Queue;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>An app whose hubs close a connection silent for five seconds (<c>Hubs:ClientTimeout</c>), so idle closing can be watched.</summary>
public sealed class IdleHubAppFixture : WebAppFixture
{
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(5);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Hubs:ClientTimeout", ClientTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>
/// A connection that stops speaking (no calls, no pings) is closed by the server after the configured client timeout,
/// on both hubs, while one that keeps pinging stays open.
/// </summary>
public sealed class IdleHubConnectionTests(IdleHubAppFixture app) : IClassFixture<IdleHubAppFixture>
{
    // Far above the five-second timeout, far below the product's default of a minute: closing in time proves the setting.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(25);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TripsHub.Path)]
    [InlineData(QueueHub.Path)]
    public async Task IdleConnection_IsClosedAfterTheClientTimeout_WhileAPingingOneStaysOpen(string path)
    {
        // Pings at every tick of its timer (about once a second): never silent for the timeout.
        await using var talking = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, path))
            .WithKeepAliveInterval(TimeSpan.FromMilliseconds(200)).Build();
        // Pings only after ten minutes (and trusts the server as long): silent, as a vanished client or a held-open socket.
        await using var idle = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, path))
            .WithKeepAliveInterval(TimeSpan.FromMinutes(10)).WithServerTimeout(TimeSpan.FromMinutes(20)).Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        var talkingClosed = false;
        talking.Closed += _ =>
        {
            talkingClosed = true;
            return Task.CompletedTask;
        };
        await talking.StartAsync(Ct);
        var idleSince = Stopwatch.StartNew();
        await idle.StartAsync(Ct);

        await closed.Task.WaitAsync(Deadline, Ct);

        Assert.Equal(HubConnectionState.Disconnected, idle.State);
        // Not closed early: the server waited at least the timeout (less a heartbeat tick) for a word from the client.
        Assert.True(idleSince.Elapsed >= IdleHubAppFixture.ClientTimeout - TimeSpan.FromSeconds(1), $"Closed after {idleSince.Elapsed}.");
        Assert.False(talkingClosed, "The connection that kept pinging was closed too.");
        Assert.Equal(HubConnectionState.Connected, talking.State);
    }
}
