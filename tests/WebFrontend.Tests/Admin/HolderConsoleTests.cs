using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>
/// The hoarding console API: ops list phones by live held seats, release a phone's holds and block it. Holds are made
/// through the trip grain with a phone, as the frontend does for a verified passenger.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class HolderConsoleTests(WebAppFixture app)
{
    private const string Sayedabad = "dhaka-sayedabad";
    private const string Barishal = "barishal";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    private HttpClient Ops() => app.WithToken(app.StaffToken(Roles.Ops));

    /// <summary>A fresh phone as <c>+8801…</c> and its local form <c>01…</c>.</summary>
    private static (string Normal, string Local) NewPhone()
    {
        var subscriber = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ("+88019" + subscriber, "019" + subscriber);
    }

    /// <summary>A Dhaka–Barishal trip some days ahead; the tests here use distinct days so their seats never meet.</summary>
    private async Task<string> TripAsync(int daysAhead)
    {
        using var visitor = app.NewVisitor();
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(daysAhead));
        var trips = JsonDocument.Parse(await visitor.GetStringAsync($"/api/trips?from={Sayedabad}&to={Barishal}&date={day}", Ct)).RootElement;
        return trips[0].GetProperty("tripId").GetString()!;
    }

    private Task<HoldResult> HoldAsync(string tripId, string phone, params string[] seats) =>
        Grains.GetGrain<ITripGrain>(tripId).HoldAsync(new HoldSeats($"passenger-{Guid.NewGuid():N}", seats, Sayedabad, Barishal,
            Guid.NewGuid().ToString("N"), SalesChannel.Online, phone));

    private async Task<JsonElement> ListAsync(HttpClient ops) =>
        JsonDocument.Parse(await ops.GetStringAsync("/api/admin/holders", Ct)).RootElement;

    /// <summary>The phone's row in the list once the phone's one-way report has reached the index.</summary>
    private async Task<JsonElement> RowAsync(HttpClient ops, string phone, Func<JsonElement, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var row = (await ListAsync(ops)).GetProperty("holders").EnumerateArray()
                .Where(h => h.GetProperty("phone").GetString() == phone).Select(h => (JsonElement?)h).FirstOrDefault();
            if (row is { } found && done(found))
            {
                return found;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{phone} did not show as expected in the holders list: {row}");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<SeatState> SeatStateAsync(HttpClient client, string tripId, string seat)
    {
        var map = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/{tripId}/seats?from={Sayedabad}&to={Barishal}", Ct)).RootElement;
        var state = map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == seat).GetProperty("state").GetString();
        return Enum.Parse<SeatState>(state!, ignoreCase: true);
    }

    [Fact]
    public async Task HoldersList_IsOpsOnly()
    {
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, "dhaka-kalyanpur"));
        var passenger = await app.RegisterAsync();
        using var passengerClient = app.WithToken(passenger.AccessToken);
        using var ops = Ops();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/holders", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/holders", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passengerClient.GetAsync("/api/admin/holders", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passengerClient.PostAsync("/api/admin/holders/01712345678/release", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/admin/holders", Ct)).StatusCode);
    }

    [Fact]
    public async Task Hoarder_IsListedWithFullPhoneAndSeats_AndReleaseFreesTheirSeats()
    {
        using var ops = Ops();
        using var visitor = app.NewVisitor();
        var (phone, local) = NewPhone();
        var first = await TripAsync(9);
        var second = await TripAsync(10);
        Assert.Null((await HoldAsync(first, phone, "G1", "G2")).Failure);
        Assert.Null((await HoldAsync(first, phone, "G3", "G4")).Failure);
        Assert.Null((await HoldAsync(second, phone, "G1")).Failure);
        Assert.Equal(SeatState.Held, await SeatStateAsync(visitor, first, "G1"));

        var row = await RowAsync(ops, phone, r => r.GetProperty("heldSeats").GetInt32() == 5);
        Assert.Equal(2, row.GetProperty("trips").GetInt32());
        Assert.Equal(3, row.GetProperty("holdsLastHour").GetInt32());
        Assert.Equal(0, row.GetProperty("expiredUnpaid").GetInt32());
        Assert.False(row.GetProperty("blocked").GetBoolean());

        var response = await ops.PostAsJsonAsync($"/api/admin/holders/{local}/release", new { reason = "five seats in a minute" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var released = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(3, released.GetProperty("holds").GetInt32());
        Assert.Equal(5, released.GetProperty("seats").GetInt32());
        Assert.Equal(0, released.GetProperty("holder").GetProperty("heldSeats").GetInt32());
        foreach (var seat in new[] { "G1", "G2", "G3", "G4" })
        {
            Assert.Equal(SeatState.Free, await SeatStateAsync(visitor, first, seat));
        }
        Assert.Equal(SeatState.Free, await SeatStateAsync(visitor, second, "G1"));
        await RowAsync(ops, phone, r => r.GetProperty("heldSeats").GetInt32() == 0);
    }

    [Fact]
    public async Task Release_WithoutABody_IsAccepted()
    {
        using var ops = Ops();
        var (phone, _) = NewPhone();

        var response = await ops.PostAsync($"/api/admin/holders/{Uri.EscapeDataString(phone)}/release", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("holds").GetInt32());
    }

    [Fact]
    public async Task Block_RefusesTheirNewHolds_IsListed_AndUnblockInAnyPhoneFormLiftsIt()
    {
        using var ops = Ops();
        var (phone, local) = NewPhone();
        var trip = await TripAsync(11);
        var until = DateTimeOffset.UtcNow.AddDays(1);

        var blocked = await ops.PostAsJsonAsync($"/api/admin/holders/{local}/block", new { reason = "scripted holds", until }, Ct);

        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        var refused = (await HoldAsync(trip, phone, "H1")).Failure!;
        Assert.Equal(TripErrorCode.PhoneBlocked, refused.Code);
        Assert.Equal("scripted holds", refused.Quota!.Reason);
        var problem = await ProblemAsync(refused);
        Assert.Equal(StatusCodes.Status403Forbidden, problem.Status);
        Assert.Equal("phone-blocked", problem.Body.GetProperty("code").GetString());
        Assert.Equal("scripted holds", problem.Body.GetProperty("reason").GetString());
        Assert.True(problem.Body.TryGetProperty("until", out _));
        var row = await RowAsync(ops, phone, r => r.GetProperty("blocked").GetBoolean());
        Assert.Equal("scripted holds", row.GetProperty("block").GetProperty("reason").GetString());

        // Bangla digits with spaces and a dash: the same phone.
        var bangla = string.Concat(local.Select(c => (char)('০' + (c - '0'))));
        var unblocked = await ops.DeleteAsync($"/api/admin/holders/{Uri.EscapeDataString(bangla[..5] + " " + bangla[5..8] + "-" + bangla[8..])}/block", Ct);

        Assert.Equal(HttpStatusCode.OK, unblocked.StatusCode);
        Assert.False(JsonDocument.Parse(await unblocked.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("blocked").GetBoolean());
        Assert.Null((await HoldAsync(trip, phone, "H1")).Failure);
    }

    [Fact]
    public async Task ReleaseBlockAndUnblock_AreAuditedWithTheOpsUsersIdLoginAndRole()
    {
        var login = $"ops-{Guid.NewGuid():N}@diuparibahan.local";
        var account = new UserAccount(Guid.NewGuid().ToString("N"), login, "Night shift", "", Roles.Ops, null, DateTimeOffset.UtcNow);
        Assert.True(await app.Services.GetRequiredService<UserStore>().TryCreateAsync(account, Ct));
        using var ops = app.WithToken(app.Services.GetRequiredService<TokenIssuer>().ForUser(account).Token);
        var (phone, local) = NewPhone();

        (await ops.PostAsJsonAsync($"/api/admin/holders/{local}/release", new { reason = "scripted" }, Ct)).EnsureSuccessStatusCode();
        (await ops.PostAsJsonAsync($"/api/admin/holders/{local}/block", new { reason = "scripted", until = DateTimeOffset.UtcNow.AddHours(6) }, Ct))
            .EnsureSuccessStatusCode();
        (await ops.DeleteAsync($"/api/admin/holders/{local}/block", Ct)).EnsureSuccessStatusCode();

        var audit = HolderEvents(phone);
        Assert.Equal(["holder.released", "holder.blocked", "holder.unblocked"], audit.Select(e => e.Kind));
        Assert.All(audit, e =>
        {
            Assert.Equal(account.Id, e.Actor);
            Assert.Equal(login, e.Payload.GetProperty("login").GetString());
            Assert.Equal(Roles.Ops, e.Payload.GetProperty("role").GetString());
        });
        Assert.Equal("scripted", audit[1].Payload.GetProperty("reason").GetString());
    }

    /// <summary>The <c>holder.*</c> rows of the events log about <paramref name="phone"/>, oldest first.</summary>
    private IReadOnlyList<(string Kind, string? Actor, JsonElement Payload)> HolderEvents(string phone)
    {
        var path = app.Services.GetRequiredService<IConfiguration>()["Orleans:DataPath"];
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, actor, payload FROM events WHERE kind LIKE 'holder.%' ORDER BY id";
        using var reader = command.ExecuteReader();
        var events = new List<(string, string?, JsonElement)>();
        while (reader.Read())
        {
            var payload = JsonDocument.Parse(reader.GetString(2)).RootElement;
            if (payload.GetProperty("phone").GetString() == phone)
            {
                events.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), payload));
            }
        }
        return events;
    }

    [Fact]
    public async Task MalformedPhone_Is400()
    {
        using var ops = Ops();

        await ProblemAssert.IsProblemAsync(await ops.PostAsync("/api/admin/holders/12345/release", null, Ct), HttpStatusCode.BadRequest, "invalid-phone");
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/admin/holders/not-a-phone/block",
            new { reason = "x", until = DateTimeOffset.UtcNow.AddDays(1) }, Ct), HttpStatusCode.BadRequest, "invalid-phone");
        await ProblemAssert.IsProblemAsync(await ops.DeleteAsync("/api/admin/holders/+1555123456/block", Ct), HttpStatusCode.BadRequest, "invalid-phone");
    }

    [Fact]
    public async Task Block_WithoutReasonOrWithAPastUntil_Is400()
    {
        using var ops = Ops();
        var (_, local) = NewPhone();

        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync($"/api/admin/holders/{local}/block",
            new { reason = "", until = DateTimeOffset.UtcNow.AddDays(1) }, Ct), HttpStatusCode.BadRequest, "invalid-request");
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync($"/api/admin/holders/{local}/block",
            new { reason = "late", until = DateTimeOffset.UtcNow.AddMinutes(-1) }, Ct), HttpStatusCode.BadRequest, "invalid-request");
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync($"/api/admin/holders/{local}/block",
            new { reason = "forever", until = DateTimeOffset.UtcNow.AddYears(3) }, Ct), HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task QuotaProblems_Are409NamingTheLimit_And429WithRetryAfter()
    {
        var quota = await ProblemAsync(new TripFailure(TripErrorCode.QuotaExceeded, "too many", [],
            new QuotaRefusal(QuotaLimits.SeatsPerTrip, 4, null, null)));
        Assert.Equal(StatusCodes.Status409Conflict, quota.Status);
        Assert.Equal("quota-exceeded", quota.Body.GetProperty("code").GetString());
        Assert.Equal("seats-per-trip", quota.Body.GetProperty("limit").GetString());
        Assert.Equal(4, quota.Body.GetProperty("max").GetInt32());

        var coolOff = await ProblemAsync(new TripFailure(TripErrorCode.HoldCooloff, "wait", [],
            new QuotaRefusal(null, null, DateTimeOffset.UtcNow.AddMinutes(30), null, 1800)));
        Assert.Equal(StatusCodes.Status429TooManyRequests, coolOff.Status);
        Assert.Equal("hold-cooloff", coolOff.Body.GetProperty("code").GetString());
        Assert.Equal(1800, coolOff.Body.GetProperty("retryAfter").GetInt32());
        Assert.Equal("1800", coolOff.RetryAfter);
    }

    /// <summary>Writes the frontend's problem for <paramref name="failure"/> through the app's own problem details service.</summary>
    private async Task<(int Status, JsonElement Body, string? RetryAfter)> ProblemAsync(TripFailure failure)
    {
        using var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        await failure.ToProblem().ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = (await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: Ct)).RootElement;
        var retryAfter = context.Response.Headers.RetryAfter.ToString();
        return (context.Response.StatusCode, body, retryAfter.Length == 0 ? null : retryAfter);
    }
}
