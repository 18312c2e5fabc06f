using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>Ops put stops in cities, so a city search finds them.</summary>
[Collection(WebAppCollection.Name)]
public sealed class StopCityApiTests(WebAppFixture app)
{
    private const string StopId = "chattogram-gec-city-test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StopCity_GivenByAnOldSpelling_IsStoredAsTheCity_AndTheCitySearchFindsTheStop()
    {
        using var ops = app.WithToken(app.StaffToken("ops"));
        using var visitor = app.NewVisitor();
        try
        {
            var saved = await ops.PutAsJsonAsync($"/api/admin/stops/{StopId}",
                new { nameEn = "Chattogram (GEC)", nameBn = "চট্টগ্রাম (জিইসি)", city = "Chittagong", kind = "Counter" }, Ct);

            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
            var network = JsonDocument.Parse(await ops.GetStringAsync("/api/admin/network", Ct)).RootElement;
            var stop = network.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("id").GetString() == StopId);
            Assert.Equal("chattogram", stop.GetProperty("city").GetString());
            Assert.Contains(network.GetProperty("cities").EnumerateArray(), c => c.GetProperty("id").GetString() == "chattogram");
            // A query no other test asks, so no listing cached before the change answers it.
            var places = JsonDocument.Parse(await visitor.GetStringAsync("/api/stops?q=chittagon", Ct)).RootElement.EnumerateArray()
                .Select(p => (Type: p.GetProperty("type").GetString(), Id: p.GetProperty("id").GetString())).ToList();
            Assert.Equal(("city", "chattogram"), places[0]);
            Assert.Contains(("stop", StopId), places);
        }
        finally
        {
            await ops.DeleteAsync($"/api/admin/stops/{StopId}", Ct);
        }
    }

    [Fact]
    public async Task StopCity_ThatIsNoCityOfTheNetwork_Is400NamingTheField_AndNothingIsSaved()
    {
        using var ops = app.WithToken(app.StaffToken("ops"));

        var response = await ops.PutAsJsonAsync($"/api/admin/stops/{StopId}-atlantis",
            new { nameEn = "Atlantis", nameBn = "আটলান্টিস", city = "Atlantis", kind = "Counter" }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-stop");
        Assert.Equal("city", problem.GetProperty("field").GetString());
        Assert.DoesNotContain($"{StopId}-atlantis", await ops.GetStringAsync("/api/admin/network", Ct));
    }
}
