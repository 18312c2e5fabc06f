using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>A coach cannot be in two places: coach changes and schedules that would overlap another trip of the coach are 409.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CoachClashApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> CoachOfAsync(HttpClient ops, string scheduleId) =>
        (await ops.GetFromJsonAsync<JsonElement>("/api/admin/network", Ct)).GetProperty("schedules").EnumerateArray()
        .Single(s => s.GetProperty("id").GetString() == scheduleId).GetProperty("coachId").GetString()!;

    [Fact]
    public async Task ChangeCoach_ToACoachRunningAnotherTripThen_Is409CoachBusyNamingIt_AndTheTripKeepsItsCoach()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(11).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // The 23:00 Khulna coach is on the road when the 23:15 Sylhet coach (same class) leaves.
        var khulnaCoach = await CoachOfAsync(ops, "dhk-khl-2300");
        var sylhetTrip = $"DHK-SYL-{day}-2315";
        var before = await ops.GetFromJsonAsync<JsonElement>($"/api/trips/{sylhetTrip}", Ct);

        var response = await ops.PutAsJsonAsync($"/api/admin/trips/{sylhetTrip}/coach", new { coachId = khulnaCoach, reason = "Breakdown" }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "coach-busy");
        Assert.Equal($"DHK-KHL-{day}-2300", problem.GetProperty("otherTrip").GetString());
        var after = await ops.GetFromJsonAsync<JsonElement>($"/api/trips/{sylhetTrip}", Ct);
        Assert.Equal(before.GetProperty("coachRegistration").GetString(), after.GetProperty("coachRegistration").GetString());
    }

    [Fact]
    public async Task ChangeCoach_ToACoachThatDoesNotExist_Is400()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(11).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        await ProblemAssert.IsProblemAsync(await ops.PutAsJsonAsync($"/api/admin/trips/DHK-SYL-{day}-2315/coach",
            new { coachId = "no-such-coach", reason = "Breakdown" }, Ct), HttpStatusCode.BadRequest, "unknown-coach");
    }

    [Fact]
    public async Task Schedule_PuttingACoachOnTheRoadTwice_Is409CoachBusy_AndIsNotStored()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var khulnaCoach = await CoachOfAsync(ops, "dhk-khl-2300");
        var today = ServiceDay.Of(DateTimeOffset.UtcNow);

        var response = await ops.PutAsJsonAsync("/api/admin/schedules/clash-test", new
        {
            routeId = "dhk-raj", coachId = khulnaCoach, departure = "02:00", fromDate = today.AddDays(3), toDate = today.AddDays(5),
        }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "coach-busy");
        Assert.StartsWith("DHK-KHL-", problem.GetProperty("otherTrip").GetString());
        var network = await ops.GetFromJsonAsync<JsonElement>("/api/admin/network", Ct);
        Assert.DoesNotContain(network.GetProperty("schedules").EnumerateArray(), s => s.GetProperty("id").GetString() == "clash-test");
    }
}
