using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Queue;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;

namespace DiuParibahan.WebFrontend.Tests.Queue;

/// <summary>
/// The waiting room over HTTP and the hub: ops announce windows (audited, bad input refused), verified passengers join
/// once, holds on a window's trips need a valid admission for that window and phone, counters are not queued but stop at
/// the window's counter share, a sell-out reaches every follower of the window, and only this site's pages open the hub.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class WaitingRoomApiTests(QueueAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset InAnHour => DateTimeOffset.UtcNow.AddHours(1);

    private async Task<(string WindowId, string RouteId, DateOnly Day)> WindowAsync(DateTimeOffset? opensAt = null, int perMinute = 60)
    {
        var (route, day) = await app.FreshRouteDayAsync();
        return (await app.AnnounceAsync(route, day, opensAt ?? InAnHour, perMinute), route, day);
    }

    private async Task<HttpResponseMessage> HoldAsync(HttpClient client, string routeId, DateOnly day, string? admission = null)
    {
        var trip = (await app.TripsAsync(routeId, day))[0];
        var definition = (await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITripGrain>(trip.TripId).GetDefinitionAsync())!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/trips/{trip.TripId}/holds")
        {
            Content = JsonContent.Create(new
            {
                seats = new[] { definition.Layout.Seats[0].Label },
                from = trip.Stops[0].StopId,
                to = trip.Stops[^1].StopId,
                requestId = Guid.NewGuid().ToString("N"),
            }),
        };
        if (admission is not null)
        {
            request.Headers.Add(AdmissionGate.HeaderName, admission);
        }
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Announce_IsOpsOnly_Answers201_IsListed_AndAudited()
    {
        var (route, day) = await app.FreshRouteDayAsync();
        using var passenger = await app.NewPassengerAsync();
        using var ops = app.Ops();

        var refused = await passenger.PostAsJsonAsync("/api/admin/sale-windows", SaleWindows.Body(route, day, InAnHour), Ct);
        var created = await ops.PostAsJsonAsync("/api/admin/sale-windows", SaleWindows.Body(route, day, InAnHour), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var list = await ops.GetFromJsonAsync<JsonElement>("/api/admin/sale-windows", Ct);
        var row = list.EnumerateArray().Single(w => w.GetProperty("id").GetString() == id);
        Assert.Equal("announced", row.GetProperty("status").GetString());
        Assert.Equal("announced", row.GetProperty("queue").GetProperty("state").GetString());
        var audit = await ops.GetFromJsonAsync<JsonElement>($"/api/admin/audit?target=sale-window:{id}", Ct);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "sale-window.created");
    }

    [Fact]
    public async Task Announce_WithBadInput_Is4xx_AndAddsNothing()
    {
        var (route, day) = await app.FreshRouteDayAsync();
        using var ops = app.Ops();
        await app.AnnounceAsync(route, day, InAnHour);
        var count = (await ops.GetFromJsonAsync<JsonElement>("/api/admin/sale-windows", Ct)).GetArrayLength();

        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/admin/sale-windows",
            SaleWindows.Body(route, day.AddDays(1), DateTimeOffset.UtcNow.AddMinutes(-5)), Ct), HttpStatusCode.BadRequest, "invalid-sale-window");
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/admin/sale-windows",
            SaleWindows.Body(route, day, InAnHour.AddMinutes(5)), Ct), HttpStatusCode.Conflict, "sale-window-overlap");
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/admin/sale-windows",
            SaleWindows.Body(route, day.AddDays(1), InAnHour, perMinute: 0), Ct), HttpStatusCode.BadRequest, "invalid-sale-window");
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/admin/sale-windows", new { routeIds = new[] { route } }, Ct),
            HttpStatusCode.BadRequest, "invalid-sale-window");

        Assert.Equal(count, (await ops.GetFromJsonAsync<JsonElement>("/api/admin/sale-windows", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task Join_NeedsAVerifiedPhone_AKnownWindow_AndAnOpenOne()
    {
        var (windowId, _, _) = await WindowAsync();
        using var anonymous = app.NewVisitor();
        using var passenger = await app.NewPassengerAsync();
        using var ops = app.Ops();

        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync($"/api/queue/{windowId}/join", null, Ct),
            HttpStatusCode.Unauthorized, "phone-verification-required");
        await ProblemAssert.IsProblemAsync(await passenger.PostAsync("/api/queue/sw-00000000ff/join", null, Ct),
            HttpStatusCode.NotFound, "sale-window-not-found");
        await ProblemAssert.IsProblemAsync(await passenger.GetAsync($"/api/queue/{windowId}/me", Ct), HttpStatusCode.NotFound, "not-in-queue");

        (await ops.PostAsJsonAsync($"/api/admin/sale-windows/{windowId}/close", new { reason = "test" }, Ct)).EnsureSuccessStatusCode();

        await ProblemAssert.IsProblemAsync(await passenger.PostAsync($"/api/queue/{windowId}/join", null, Ct),
            HttpStatusCode.Conflict, "sale-window-closed");
    }

    [Fact]
    public async Task Join_Twice_AnswersTheSamePlace()
    {
        var (windowId, _, _) = await WindowAsync();
        using var passenger = await app.NewPassengerAsync();

        var first = await (await passenger.PostAsync($"/api/queue/{windowId}/join", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var again = await (await passenger.PostAsync($"/api/queue/{windowId}/join", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var me = await passenger.GetFromJsonAsync<JsonElement>($"/api/queue/{windowId}/me", Ct);

        Assert.Equal("waiting", first.GetProperty("state").GetString());
        Assert.Equal(1, first.GetProperty("inLottery").GetInt32());
        Assert.Equal(1, again.GetProperty("inLottery").GetInt32());
        Assert.Equal(1, me.GetProperty("inLottery").GetInt32());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("admission").ValueKind);
    }

    [Fact]
    public async Task Hold_OnAWindowTrip_NeedsAValidAdmission_ForThatWindowAndPhone()
    {
        var (windowId, route, day) = await WindowAsync();
        var (otherWindow, _, _) = await WindowAsync();
        var phone = AuthClient.NewPhone();
        using var passenger = await app.NewPassengerAsync(phone);
        var normalised = PhoneNumber.Normalize(phone)!;
        var signer = app.Services.GetRequiredService<AdmissionSigner>();
        var later = DateTimeOffset.UtcNow.AddMinutes(5);

        var none = await HoldAsync(passenger, route, day);
        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.Forbidden, "queue-required");
        await ProblemAssert.IsProblemAsync(await HoldAsync(passenger, route, day, signer.Sign(windowId, normalised, later) + "x"),
            HttpStatusCode.Forbidden, "admission-invalid");
        await ProblemAssert.IsProblemAsync(await HoldAsync(passenger, route, day, signer.Sign(otherWindow, normalised, later)),
            HttpStatusCode.Forbidden, "admission-invalid");
        await ProblemAssert.IsProblemAsync(await HoldAsync(passenger, route, day, signer.Sign(windowId, "+8801999999999", later)),
            HttpStatusCode.Forbidden, "admission-invalid");
        await ProblemAssert.IsProblemAsync(await HoldAsync(passenger, route, day, signer.Sign(windowId, normalised, DateTimeOffset.UtcNow.AddSeconds(-1))),
            HttpStatusCode.Forbidden, "admission-expired");

        var admitted = await HoldAsync(passenger, route, day, signer.Sign(windowId, normalised, later));

        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        var problem = await none.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(windowId, problem.GetProperty("windowId").GetString());
        Assert.Equal($"/queue.html?window={windowId}", problem.GetProperty("queueUrl").GetString());
    }

    [Fact]
    public async Task Counter_HoldsOnAWindowTrip_AreNotQueued()
    {
        var (_, route, day) = await WindowAsync();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, (await app.TripsAsync(route, day))[0].Stops[0].StopId));

        var hold = await HoldAsync(clerk, route, day);

        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);
    }

    [Fact]
    public async Task CounterSale_OnAWindowTrip_IsNotQueued_AndStopsAtTheWindowsCounterShare()
    {
        var (route, day) = await app.FreshRouteDayAsync();
        using var ops = app.Ops();
        var created = await ops.PostAsJsonAsync("/api/admin/sale-windows", SaleWindows.Body(route, day, InAnHour, counterSeatsPerTrip: 2), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2, (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("counterSeatsPerTrip").GetInt32());
        var trip = (await app.TripsAsync(route, day))[0];
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITripGrain>(trip.TripId);
        var seats = (await grain.GetDefinitionAsync())!.Layout.Seats.Where(s => !s.Ladies).Select(s => s.Label).Take(3).ToList();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, trip.Stops[0].StopId));

        using var passenger = await app.NewPassengerAsync();

        // Before the opening nobody online may hold, but the counter sells without an admission, up to its share.
        var online = await HoldAsync(passenger, route, day);
        var within = await CounterSaleAsync(clerk, trip, seats[0], seats[1]);
        var over = await CounterSaleAsync(clerk, trip, seats[2]);

        await ProblemAssert.IsProblemAsync(online, HttpStatusCode.Forbidden, "queue-required");
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(over, HttpStatusCode.Conflict, "counter-quota-reached");
        Assert.Equal("counter-seats-per-trip", problem.GetProperty("limit").GetString());
        Assert.Equal(2, problem.GetProperty("max").GetInt32());
        var map = await grain.GetSeatMapAsync(trip.Stops[0].StopId, trip.Stops[^1].StopId, null);
        Assert.Equal(SeatState.Free, map.Map!.Seats.Single(s => s.Seat == seats[2]).State);
    }

    [Fact]
    public async Task CounterShare_IsChangedBeforeOpening_AndOutOfRangeIsRefused()
    {
        var (route, day) = await app.FreshRouteDayAsync();
        using var ops = app.Ops();
        var windowId = await app.AnnounceAsync(route, day, InAnHour);

        var changed = await ops.PutAsJsonAsync($"/api/admin/sale-windows/{windowId}", SaleWindows.Body(route, day, InAnHour, counterSeatsPerTrip: 5), Ct);
        var refused = await ops.PutAsJsonAsync($"/api/admin/sale-windows/{windowId}", SaleWindows.Body(route, day, InAnHour, counterSeatsPerTrip: -1), Ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(5, (await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("counterSeatsPerTrip").GetInt32());
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "invalid-sale-window");
        Assert.Contains("counterSeatsPerTrip", problem.GetProperty("detail").GetString());
        var list = await ops.GetFromJsonAsync<JsonElement>("/api/admin/sale-windows", Ct);
        Assert.Equal(5, list.EnumerateArray().Single(w => w.GetProperty("id").GetString() == windowId).GetProperty("counterSeatsPerTrip").GetInt32());
    }

    [Fact]
    public async Task QueueHubNegotiate_FromAnotherSite_Is403()
    {
        using var client = app.NewVisitor();
        using var request = new HttpRequestMessage(HttpMethod.Post, QueueHub.Path + "/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await client.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "origin-not-allowed");
    }

    [Fact]
    public async Task QueueHubNegotiate_FromThisSite_Succeeds()
    {
        using var client = app.NewVisitor();
        using var request = new HttpRequestMessage(HttpMethod.Post, QueueHub.Path + "/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", app.ServerAddress.GetLeftPart(UriPartial.Authority));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AtTheOpening_TheFirstWaiterIsAdmitted_AndItsAdmissionHolds()
    {
        var (windowId, route, day) = await WindowAsync(opensAt: DateTimeOffset.UtcNow.AddSeconds(2), perMinute: 1);
        using var first = await app.NewPassengerAsync();
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync($"/api/queue/{windowId}/join", null, Ct)).StatusCode);
        var (connection, changes) = await FollowAsync(windowId);
        await using var _ = connection;

        // The hub says when the opening admitted someone; only then is the place asked for.
        await ReadUntilAsync(changes, s => s.GetProperty("admitted").GetInt64() >= 1, TimeSpan.FromSeconds(20));
        var me = await first.GetFromJsonAsync<JsonElement>($"/api/queue/{windowId}/me", Ct);

        Assert.Equal("admitted", me.GetProperty("state").GetString());
        Assert.Equal(1, me.GetProperty("place").GetInt64());
        var hold = await HoldAsync(first, route, day, me.GetProperty("admission").GetString());
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);
    }

    [Fact]
    public async Task SoldOut_ReachesEveryFollowerOfTheWindow_AndNewJoinsAreRefused()
    {
        var (windowId, route, day) = await WindowAsync(opensAt: DateTimeOffset.UtcNow.AddSeconds(1));
        var followers = new List<(HubConnection Connection, Channel<JsonElement> Changes)>();
        for (var i = 0; i < 5; i++)
        {
            followers.Add(await FollowAsync(windowId));
        }
        try
        {
            await app.SellOutAsync(route, day);

            foreach (var (_, changes) in followers)
            {
                var soldOut = await ReadUntilAsync(changes, s => s.GetProperty("state").GetString() == "soldout", TimeSpan.FromSeconds(20));
                Assert.Equal(0, soldOut.GetProperty("seatsLeft").GetInt32());
            }
            using var late = await app.NewPassengerAsync();
            await ProblemAssert.IsProblemAsync(await late.PostAsync($"/api/queue/{windowId}/join", null, Ct),
                HttpStatusCode.Conflict, "sale-window-sold-out");
        }
        finally
        {
            foreach (var (connection, _) in followers)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Hub_FollowingAnUnknownWindow_IsRefused_AndTheConnectionStays()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, QueueHub.Path)).Build();
        await connection.StartAsync(Ct);
        await using var _ = connection;

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JsonElement>("Follow", "sw-00000000aa", Ct));

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    private static Task<HttpResponseMessage> CounterSaleAsync(HttpClient clerk, DepartureSummary trip, params string[] seats) =>
        clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId = trip.TripId,
            seats,
            from = trip.Stops[0].StopId,
            to = trip.Stops[^1].StopId,
            requestId = Guid.NewGuid().ToString("N"),
            passengers = seats.Select(_ => Passenger()).ToArray(),
        }, Ct);

    private async Task<(HubConnection Connection, Channel<JsonElement> Changes)> FollowAsync(string windowId)
    {
        var changes = Channel.CreateUnbounded<JsonElement>();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, QueueHub.Path)).Build();
        connection.On<JsonElement>(QueueHub.ChangedMethod, e => changes.Writer.TryWrite(e));
        await connection.StartAsync(Ct);
        var status = await connection.InvokeAsync<JsonElement>("Follow", windowId, Ct);
        changes.Writer.TryWrite(status);
        return (connection, changes);
    }

    private static async Task<JsonElement> ReadUntilAsync(Channel<JsonElement> changes, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            var status = await changes.Reader.ReadAsync(cts.Token);
            if (done(status))
            {
                return status;
            }
        }
    }
}
