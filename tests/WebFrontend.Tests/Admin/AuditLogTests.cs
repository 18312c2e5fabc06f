using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>Every staff write lands in the audit log with its actor; refused writes do not; ops read it newest first.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AuditLogTests(WebAppFixture app)
{
    private const string Password = "an audited ops password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A stored ops account signed in for real, so the audit log can name its login.</summary>
    private async Task<(HttpClient Client, string Login)> SignedInOpsAsync()
    {
        using var creator = app.WithToken(app.StaffToken(Roles.Ops));
        var login = AuthClient.NewEmail();
        (await creator.PostAsJsonAsync("/api/admin/staff", new { name = "Auditor", login, role = "ops", password = Password }, Ct)).EnsureSuccessStatusCode();
        using var visitor = app.NewVisitor();
        var session = await AuthClient.ReadSessionAsync(await visitor.PostAsJsonAsync("/api/auth/login", new { login, password = Password }, Ct));
        return (app.WithToken(session.AccessToken), login);
    }

    private static async Task<JsonElement[]> AuditAsync(HttpClient ops, string query) =>
        (await ops.GetFromJsonAsync<JsonElement>("/api/admin/audit?" + query, Ct)).GetProperty("items").EnumerateArray().ToArray();

    [Fact]
    public async Task Audit_IsOpsOnly()
    {
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task SeatBlockAndUnblock_AreAuditedWithActorReasonAndSeats_ARefusedBlockIsNot()
    {
        var (ops, login) = await SignedInOpsAsync();
        using var _ = ops;
        var tripId = (await KolkataTripsAsync(ops, 12))[^1].TripId;

        var refused = await ops.PostAsJsonAsync($"/api/admin/trips/{tripId}/blocks", new { seats = new[] { "Z9" }, from = Dhaka, to = Kolkata, reason = "Broken" }, Ct);
        Assert.False(refused.IsSuccessStatusCode);
        (await ops.PostAsJsonAsync($"/api/admin/trips/{tripId}/blocks", new { seats = new[] { "I4" }, from = Dhaka, to = Jashore, reason = "Broken recliner" }, Ct))
            .EnsureSuccessStatusCode();
        (await ops.PostAsJsonAsync($"/api/admin/trips/{tripId}/unblocks", new { seats = new[] { "I4" }, from = Dhaka, to = Jashore, reason = "Repaired" }, Ct))
            .EnsureSuccessStatusCode();

        var entries = await AuditAsync(ops, $"target={tripId}&actor={Uri.EscapeDataString(login)}");
        Assert.Equal(["trip.seats-unblocked", "trip.seats-blocked"], entries.Select(e => e.GetProperty("action").GetString()));
        var blocked = entries[1];
        Assert.Equal((login, "ops", "Broken recliner"), (blocked.GetProperty("actorLogin").GetString(), blocked.GetProperty("actorRole").GetString(),
            blocked.GetProperty("reason").GetString()));
        Assert.Contains("I4", blocked.GetProperty("after").GetString());
    }

    [Fact]
    public async Task StaffCreation_IsAuditedWithoutThePassword_AndThePageIsNewestFirst()
    {
        var (ops, login) = await SignedInOpsAsync();
        using var _ = ops;
        var clerkLogin = AuthClient.NewEmail();
        var created = await Json(await ops.PostAsJsonAsync("/api/admin/staff",
            new { name = "Counter clerk", login = clerkLogin, role = "clerk", counterId = Dhaka, password = "the clerk's own password" }, Ct));
        var id = created.GetProperty("staff").GetProperty("id").GetString()!;
        (await ops.PatchAsJsonAsync($"/api/admin/staff/{id}", new { disabled = true, reason = "Transferred" }, Ct)).EnsureSuccessStatusCode();

        var entries = await AuditAsync(ops, $"target=staff:{id}");

        Assert.Equal(["staff.disabled", "staff.created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(login, e.GetProperty("actorLogin").GetString()));
        Assert.Contains(clerkLogin, entries[1].GetProperty("after").GetString());
        Assert.DoesNotContain("own password", entries[1].GetRawText());
        Assert.Contains("\"disabled\":false", entries[0].GetProperty("before").GetString());
        Assert.Equal("Transferred", entries[0].GetProperty("reason").GetString());
        var page = await ops.GetFromJsonAsync<JsonElement>($"/api/admin/audit?actor={Uri.EscapeDataString(login)}&pageSize=1", Ct);
        Assert.Equal("staff.disabled", page.GetProperty("items")[0].GetProperty("action").GetString());
        Assert.True(page.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task ACancellationByStaff_IsAudited()
    {
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var tripId = (await KolkataTripsAsync(clerk, 12))[^1].TripId;
        var sale = await Json(await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { "H4" }, from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(), passengers = new[] { Passenger() },
        }, Ct));
        var pnr = sale.GetProperty("pnr").GetString()!;

        (await clerk.PostAsync($"/api/bookings/{pnr}/cancel", null, Ct)).EnsureSuccessStatusCode();

        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var entry = Assert.Single(await AuditAsync(ops, $"target={pnr}"));
        Assert.Equal(("booking.cancelled-by-staff", "clerk"), (entry.GetProperty("action").GetString(), entry.GetProperty("actorRole").GetString()));
    }

    [Fact]
    public async Task BadQuery_Is400()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));

        await ProblemAssert.IsProblemAsync(await ops.GetAsync("/api/admin/audit?from=yesterday", Ct), HttpStatusCode.BadRequest, "invalid-request");
        await ProblemAssert.IsProblemAsync(await ops.GetAsync("/api/admin/audit?pageSize=5000", Ct), HttpStatusCode.BadRequest, "invalid-request");
    }
}
