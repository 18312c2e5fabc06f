using System.Net;
using System.Net.Http.Json;
using System.Text;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Security;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>Each input that once answered 500, now a clear 4xx problem with a stable code that changes nothing.</summary>
[Collection(HardeningCollection.Name)]
public sealed class FoundServerErrorTests(HardeningAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Reports = ["sales", "channels", "trip-load", "leg-load", "conversion", "peak-hours", "boarding-points"];

    private static string Day(int offset) => ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(offset));

    [Theory]
    [InlineData("/api/trips/%20")]
    [InlineData("/api/trips/%09/seats?from=a&to=b")]
    [InlineData("/api/trips/..%2F..%2Fetc/seats?from=a&to=b")]
    public async Task GetTrip_WithAWhitespaceOrMalformedId_Is404TripNotFound(string url)
    {
        using var visitor = app.NewVisitor();
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync(url, Ct), HttpStatusCode.NotFound, "trip-not-found");
    }

    [Fact]
    public async Task PostHold_OnAWhitespaceTripId_Is404TripNotFound()
    {
        using var visitor = app.NewVisitor();
        var response = await visitor.PostAsJsonAsync("/api/trips/%20/holds", new { seats = new[] { "A1" }, from = "a", to = "b", requestId = "r" }, Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "trip-not-found");
    }

    [Theory]
    [InlineData("%20.00000000000000000000000000000000")]
    [InlineData("%09.00000000000000000000000000000000")]
    [InlineData("DHK-KOL-20261207-0001.00000000000000000000000000000000")]
    public async Task GetHold_WithAWhitespaceOrUnknownTrip_Is404HoldNotFound(string holdId)
    {
        using var visitor = app.NewVisitor();
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/holds/{holdId}", Ct), HttpStatusCode.NotFound, "hold-not-found");
        await ProblemAssert.IsProblemAsync(await visitor.DeleteAsync($"/api/holds/{holdId}", Ct), HttpStatusCode.NotFound, "hold-not-found");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task SearchTrips_OnAnExtremeDate_Is400DateOutOfRange(string date)
    {
        using var visitor = app.NewVisitor();
        var response = await visitor.GetAsync($"/api/trips?from=dhaka-kalyanpur&to=jashore&date={date}", Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "date-out-of-range");
    }

    [Fact]
    public async Task SearchTrips_401DaysAhead_Is400_And400DaysAheadIsFine()
    {
        using var visitor = app.NewVisitor();
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/trips?from=dhaka-kalyanpur&to=jashore&date={Day(401)}", Ct),
            HttpStatusCode.BadRequest, "date-out-of-range");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/trips?from=dhaka-kalyanpur&to=jashore&date={Day(400)}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("from=0001-01-01&to=0001-01-02", "date-out-of-range")]
    [InlineData("from=9999-12-30&to=9999-12-31", "date-out-of-range")]
    [InlineData("from=%20&to=%20", "invalid-request")]
    [InlineData("from=%09", "invalid-request")]
    public async Task EveryReport_WithExtremeOrBlankDays_Is400(string query, string code)
    {
        using var ops = app.WithToken(app.StaffToken("ops"));
        foreach (var report in Reports)
        {
            await ProblemAssert.IsProblemAsync(await ops.GetAsync($"/api/reports/{report}?{query}", Ct), HttpStatusCode.BadRequest, code);
        }
    }

    [Theory]
    [InlineData("from=%20&to=jashore&date=2026-12-07")]
    [InlineData("from=dhaka-kalyanpur&to=%20&date=2026-12-07")]
    public async Task SearchTrips_WithBlankStops_Is400(string query)
    {
        using var visitor = app.NewVisitor();
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/trips?{query}", Ct), HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task CancelTrip_WithAWhitespaceId_Is404TripNotFound()
    {
        using var ops = app.WithToken(app.StaffToken("ops"));
        var response = await ops.PostAsJsonAsync("/api/admin/trips/%20/cancel", new { reason = "Fog" }, Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "trip-not-found");
    }

    [Theory]
    [InlineData("""{"nameEn":"Evil","nameBn":"Evil","city":"Dhaka","kind":99}""")]
    [InlineData("""{"nameEn":"Evil","nameBn":"Evil","city":"Dhaka","kind":"99"}""")]
    [InlineData("""{"nameEn":"Evil","nameBn":"Evil","city":"Dhaka","kind":1}""")]
    [InlineData("""{"nameEn":"Evil","nameBn":"Evil","city":"Dhaka","kind":"Spaceport"}""")]
    public async Task PutStop_WithAnUndefinedKind_Is400_AndTheStopIsNotCreated(string body)
    {
        using var ops = app.WithToken(app.StaffToken("ops"));
        var stopId = "evil-" + Guid.NewGuid().ToString("N")[..8];

        var response = await ops.PutAsync($"/api/admin/stops/{stopId}", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
        Assert.DoesNotContain(stopId, await ops.GetStringAsync("/api/admin/network", Ct));
    }

    [Fact]
    public async Task DelayTrip_ToTheYear9999_Is400_AndTheTripDoesNotMove()
    {
        using var ops = app.WithToken(app.StaffToken("ops"));
        var response = await ops.PostAsJsonAsync("/api/admin/trips/DHK-KOL-20261207-0001/delay", new { departure = "9999-12-31T23:59:59+06:00", reason = "Fog" }, Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task Register_TheSameMobileTypedInBanglaDigits_IsTheSameAccount()
    {
        var local = AuthClient.NewPhone();
        var bangla = "+৮৮" + string.Concat(local.Select(c => (char)('০' + (c - '0'))));
        await app.RegisterAsync(local);
        using var visitor = app.NewVisitor();

        var second = await visitor.PostAsJsonAsync("/api/auth/register", new { login = bangla, password = AuthClient.GoodPassword, name = "Twin" }, Ct);

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "login-taken");
    }
}
