using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>
/// The network rules the ops page checks, now also checked by the API (a script or an old page cannot skip them): point
/// ids are unique across the network, and a route with a stop abroad is marked cross-border. A refusal changes nothing.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class NetworkRulesApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Ops() => app.WithToken(app.StaffToken("ops"));

    private static object Point(string id) => new { id, nameEn = "Gate " + id, nameBn = "গেট", reportMinutesBefore = 30, boarding = true, dropping = true };

    [Fact]
    public async Task Stop_WithAPointIdAnotherStopHas_Is409PointIdTaken_AndNothingIsSaved()
    {
        using var ops = Ops();
        var before = await ops.GetStringAsync("/api/admin/network", Ct);

        // "palbari" is a point of the demo network's Jashore stop.
        var response = await ops.PutAsJsonAsync("/api/admin/stops/rules-test-point-clash", new
        {
            nameEn = "Jashore bypass", nameBn = "যশোর বাইপাস", city = "jashore", kind = "Counter", points = new[] { Point("palbari") },
        }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "point-id-taken");
        Assert.Equal("points", problem.GetProperty("field").GetString());
        Assert.Contains("jashore", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await ops.GetStringAsync("/api/admin/network", Ct));
    }

    [Fact]
    public async Task Stop_KeepingItsOwnPointIds_IsSaved_SoOnlyAnotherStopsIdsClash()
    {
        using var ops = Ops();
        const string stopId = "rules-test-own-points";
        try
        {
            var body = new { nameEn = "Rules test", nameBn = "নিয়ম পরীক্ষা", city = "jashore", kind = "Counter", points = new[] { Point("rules-test-gate") } };
            Assert.Equal(HttpStatusCode.NoContent, (await ops.PutAsJsonAsync($"/api/admin/stops/{stopId}", body, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await ops.PutAsJsonAsync($"/api/admin/stops/{stopId}", body, Ct)).StatusCode);
        }
        finally
        {
            await ops.DeleteAsync($"/api/admin/stops/{stopId}", Ct);
        }
    }

    [Fact]
    public async Task Route_WithAStopAbroad_NotMarkedCrossBorder_Is400CrossBorderRequired_AndNothingIsSaved()
    {
        using var ops = Ops();
        var before = await ops.GetStringAsync("/api/admin/network", Ct);

        var response = await ops.PutAsJsonAsync("/api/admin/routes/rules-test-kolkata", new
        {
            code = "DHK-KOL-RT", nameEn = "Dhaka – Kolkata (test)", nameBn = "ঢাকা – কলকাতা (পরীক্ষা)", crossBorder = false,
            stops = new[] { new { stopId = "dhaka-kalyanpur", offsetMinutes = 0 }, new { stopId = "kolkata-marquis-street", offsetMinutes = 600 } },
            fares = new[] { new { @class = "NonAc", legFares = new[] { 1500 } } },
        }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "cross-border-required");
        Assert.Equal("crossBorder", problem.GetProperty("field").GetString());
        Assert.Equal(before, await ops.GetStringAsync("/api/admin/network", Ct));
    }

    [Fact]
    public async Task Stop_MadeAbroad_WhileOnARouteNotMarkedCrossBorder_Is400CrossBorderRequired_AndNothingIsSaved()
    {
        using var ops = Ops();
        var before = await ops.GetStringAsync("/api/admin/network", Ct);
        var stop = JsonDocument.Parse(before).RootElement.GetProperty("stops").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == "dhaka-arambagh");

        var response = await ops.PutAsJsonAsync("/api/admin/stops/dhaka-arambagh", new
        {
            nameEn = stop.GetProperty("nameEn").GetString(), nameBn = stop.GetProperty("nameBn").GetString(),
            city = stop.GetProperty("city").GetString(), kind = stop.GetProperty("kind").GetString(), country = "IND",
        }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "cross-border-required");
        Assert.Equal("country", problem.GetProperty("field").GetString());
        Assert.Equal(before, await ops.GetStringAsync("/api/admin/network", Ct));
    }
}
