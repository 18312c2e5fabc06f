using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Queue;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>
/// The waiting-room hub called with nulls, wrong types, huge, malformed and unknown window ids: a hub error to that
/// caller, nothing logged as an unhandled failure, the connection lives on, and no waiting-room grain is activated.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class QueueHubFuzzTests(HardeningAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<object?[]> BadFollowArguments() => new()
    {
        new object?[] { null },
        new object?[] { "" },
        new object?[] { " " },
        new object?[] { "\u0000" },
        new object?[] { "\r\n=1+1" },
        new object?[] { new string('a', 3000) },
        new object?[] { "sw-" + new string('0', 3000) },
        // Well formed, but no window has it: refused from the frontend's list, never a grain.
        new object?[] { "sw-00000000aa" },
        new object?[] { "sw-ffffffffff" },
        new object?[] { "SW-00000000AA" },
        new object?[] { "sw-00000000aa' OR '1'='1" },
        new object?[] { "../../sw-00000000aa" },
        new object?[] { "ঢাকা" },
        new object?[] { 42 },
        new object?[] { true },
        new object?[] { 1.5 },
        new object?[] { new[] { 1, 2 } },
        new object?[] { new { windowId = "sw-00000000aa" } },
        new object?[] { "sw-00000000aa", "extra" },
        new object?[] { },
    };

    [Theory]
    [MemberData(nameof(BadFollowArguments))]
    public async Task FollowAndUnfollow_WithBadArguments_AreAHubErrorToTheCaller_NothingIsLogged_TheConnectionStays_AndNoRoomIsActivated(
        object?[] arguments)
    {
        var window = await RealWindowAsync();
        var errorsBefore = app.Errors.Entries.Count;
        var before = await WaitingRoomActivationsAsync();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, QueueHub.Path)).Build();
        await connection.StartAsync(Ct);

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<JsonElement>("Follow", arguments, Ct));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync("Unfollow", arguments, Ct));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync("NoSuchMethod", arguments, Ct));

        Assert.True(await WaitingRoomActivationsAsync() <= before, "A waiting-room grain was activated for an invented window.");
        Assert.Equal(errorsBefore, app.Errors.Entries.Count);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        var status = await connection.InvokeAsync<JsonElement>("Follow", window, Ct);
        Assert.Equal(window, status.GetProperty("windowId").GetString());
    }

    [Fact]
    public async Task Unfollow_OfAWindowNotFollowed_IsAHubError_AndFollowingItAfterwardsWorks()
    {
        var window = await RealWindowAsync();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, QueueHub.Path)).Build();
        await connection.StartAsync(Ct);

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Unfollow", window, Ct));
        await connection.InvokeAsync<JsonElement>("Follow", window, Ct);
        await connection.InvokeAsync("Unfollow", window, Ct);

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Unfollow", window, Ct));
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    /// <summary>
    /// One window of this app's own (the same on every call: announced under a fixed request id) on a route and day no
    /// other hardening test holds seats on, with its room already active, so the tests count only what bad calls add.
    /// </summary>
    private async Task<string> RealWindowAsync()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var route = (await grains.GetGrain<ICatalogGrain>("network").GetNetworkAsync()).Routes[^1];
        var response = await ops.PostAsJsonAsync("/api/admin/sale-windows", new
        {
            routeIds = new[] { route.Id },
            travelDates = new[] { ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(40)) },
            opensAt = DateTimeOffset.UtcNow.AddDays(30),
            admissionPerMinute = 60,
            admissionValidity = "00:10:00",
            requestId = "queue-hub-fuzz-window",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await grains.GetGrain<Grains.Queue.IWaitingRoomGrain>(id).GetStatusAsync();
        return id;
    }

    private async Task<int> WaitingRoomActivationsAsync()
    {
        var statistics = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("WaitingRoomGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
