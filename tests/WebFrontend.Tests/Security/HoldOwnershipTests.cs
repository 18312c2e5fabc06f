using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>A hold id is not a key to the hold: every hold endpoint checks who is asking (IDOR).</summary>
[Collection(WebAppCollection.Name)]
public sealed class HoldOwnershipTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string TripId, string HoldId)> HoldAsync(HttpClient owner, int tripIndex, string seat)
    {
        var trip = (await KolkataTripsAsync(owner, 13))[tripIndex];
        var response = await owner.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds",
            new { seats = new[] { seat }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString() }, Ct);
        response.EnsureSuccessStatusCode();
        return (trip.TripId, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("holdId").GetString()!);
    }

    private static async Task<(string State, bool Mine)> SeatAsync(HttpClient client, string tripId, string seat)
    {
        var map = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/{tripId}/seats?from={Dhaka}&to={Kolkata}", Ct)).RootElement;
        var s = map.GetProperty("seats").EnumerateArray().Single(x => x.GetProperty("seat").GetString() == seat);
        return (s.GetProperty("state").GetString()!, s.GetProperty("mine").GetBoolean());
    }

    [Fact]
    public async Task SeatMap_MarksASignedInUsersSeatsMine_OnlyForThatUser()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var (tripId, _) = await HoldAsync(alice, 1, "F1");

        Assert.Equal(("held", true), await SeatAsync(alice, tripId, "F1"));
        Assert.Equal(("held", false), await SeatAsync(bob, tripId, "F1"));
    }

    [Fact]
    public async Task GetHold_ByAnotherUser_Is403_ByTheOwnerAndByStaff_Is200()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, "dhaka-kalyanpur"));
        var (_, holdId) = await HoldAsync(alice, 1, "F2");

        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/holds/{holdId}", Ct), HttpStatusCode.Forbidden, "not-hold-owner");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/holds/{holdId}", Ct), HttpStatusCode.Forbidden, "not-hold-owner");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/holds/{holdId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/holds/{holdId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task ReleaseHold_ByAnotherSignedInUser_Is403_AndTheSeatStaysHeld()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var (tripId, holdId) = await HoldAsync(alice, 1, "F3");

        var response = await bob.DeleteAsync($"/api/holds/{holdId}", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "not-hold-owner");
        Assert.Equal(("held", true), await SeatAsync(alice, tripId, "F3"));
    }

    [Fact]
    public async Task ReleaseHold_ByAGuestTokenOfAnotherVisitor_Is403()
    {
        using var alice = await app.NewPassengerAsync();
        using var mallory = app.NewVisitor();
        var (tripId, holdId) = await HoldAsync(alice, 1, "G1");
        var guest = await AuthClient.ReadSessionAsync(await mallory.PostAsync("/api/auth/guest", null, Ct));
        using var malloryWithToken = app.WithToken(guest.AccessToken);

        var response = await malloryWithToken.DeleteAsync($"/api/holds/{holdId}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(("held", true), await SeatAsync(alice, tripId, "G1"));
    }

    [Fact]
    public async Task AdminRelease_ByOps_FreesAnyonesHold_ByAClerk_Is403()
    {
        using var alice = await app.NewPassengerAsync();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, "dhaka-kalyanpur"));
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var (tripId, holdId) = await HoldAsync(alice, 1, "G3");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.DeleteAsync($"/api/admin/holds/{holdId}", Ct)).StatusCode);
        Assert.Equal(("held", true), await SeatAsync(alice, tripId, "G3"));
        Assert.Equal(HttpStatusCode.NoContent, (await ops.DeleteAsync($"/api/admin/holds/{holdId}", Ct)).StatusCode);
        Assert.Equal("free", (await SeatAsync(alice, tripId, "G3")).State);
    }
}
