using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Admin;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
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

    private static (string Action, string Target)[] ActionsAndTargets(IEnumerable<JsonElement> entries) =>
        entries.Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("target").GetString()!)).ToArray();

    [Fact]
    public async Task NetworkScheduleDelayAndCoachChange_AreAuditedWithTheOpsActor()
    {
        var (ops, login) = await SignedInOpsAsync();
        using var _ = ops;
        var s = Guid.NewGuid().ToString("N")[..5];
        var (stopId, layout, coach, otherCoach, routeId) = ($"audit-stop-{s}", $"AUD-{s}", $"audit-coach-{s}", $"audit-coach-{s}-b", $"audit-{s}");
        var routeCode = "AUD-" + s.ToUpperInvariant();
        var day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(6);

        Assert.Equal(HttpStatusCode.NoContent, (await ops.PutAsJsonAsync($"/api/admin/stops/{stopId}",
            new { nameEn = "Audit counter", nameBn = "অডিট কাউন্টার", city = "Jashore", kind = "Counter" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ops.DeleteAsync($"/api/admin/stops/{stopId}", Ct)).StatusCode);
        var seats = Enumerable.Range(0, 2).SelectMany(r => Enumerable.Range(0, 4).Select(c => new { label = $"{(char)('A' + r)}{c + 1}", row = r, column = c }));
        Assert.Equal(HttpStatusCode.NoContent, (await ops.PutAsJsonAsync($"/api/admin/layouts/{layout}",
            new { name = layout, rows = 2, columns = 4, aisleAfterColumn = 1, driverSide = "Right", doorSide = "Left", doorRow = 0, seats }, Ct)).StatusCode);
        foreach (var id in new[] { coach, otherCoach })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await ops.PutAsJsonAsync($"/api/admin/coaches/{id}",
                new { registration = $"Audit Ba-{id}", @class = "NonAc", layoutCode = layout, make = "Hino" }, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await ops.PutAsJsonAsync($"/api/admin/routes/{routeId}", new
        {
            code = routeCode, nameEn = "Gabtoli – Barishal (audit)", nameBn = "গাবতলী – বরিশাল",
            stops = new[] { new { stopId = "dhaka-gabtoli", offsetMinutes = 0 }, new { stopId = "barishal", offsetMinutes = 250 } },
            fares = new[] { new { @class = "NonAc", legFares = new[] { 520 } } },
        }, Ct)).StatusCode);
        (await ops.PutAsJsonAsync($"/api/admin/schedules/{routeId}",
            new { routeId, coachId = coach, departure = "05:35", fromDate = day, toDate = day }, Ct)).EnsureSuccessStatusCode();
        var trip = (await ops.GetFromJsonAsync<JsonElement[]>($"/api/trips?from=dhaka-gabtoli&to=barishal&date={ServiceDay.Key(day)}", Ct))!
            .Single(t => t.GetProperty("routeCode").GetString() == routeCode);
        var tripId = trip.GetProperty("tripId").GetString()!;
        (await ops.PostAsJsonAsync($"/api/admin/trips/{tripId}/delay",
            new { departure = trip.GetProperty("departure").GetDateTimeOffset().AddMinutes(30), reason = "Fog on the highway" }, Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/admin/trips/{tripId}/coach", new { coachId = otherCoach, reason = "Breakdown" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await ops.DeleteAsync($"/api/admin/schedules/{routeId}", Ct)).StatusCode);

        var entries = await AuditAsync(ops, $"actor={Uri.EscapeDataString(login)}");

        Assert.Equal([
            ("schedule.deleted", $"schedule:{routeId}"), ("trip.coach-changed", tripId), ("trip.delayed", tripId),
            ("schedule.saved", $"schedule:{routeId}"), ("network.route-saved", $"route:{routeId}"),
            ("network.coach-saved", $"coach:{otherCoach}"), ("network.coach-saved", $"coach:{coach}"), ("network.layout-saved", $"layout:{layout}"),
            ("network.stop-deleted", $"stop:{stopId}"), ("network.stop-saved", $"stop:{stopId}"),
        ], ActionsAndTargets(entries));
        Assert.All(entries, e => Assert.Equal("ops", e.GetProperty("actorRole").GetString()));
        Assert.Equal("Fog on the highway", entries[2].GetProperty("reason").GetString());
        Assert.Contains(coach, entries[1].GetProperty("before").GetString());
        Assert.Contains(otherCoach, entries[1].GetProperty("after").GetString());
    }

    [Fact]
    public async Task StaffUpdateDisableAndPasswordReset_AreAudited_WithoutThePassword()
    {
        var (ops, login) = await SignedInOpsAsync();
        using var _ = ops;
        var created = await Json(await ops.PostAsJsonAsync("/api/admin/staff",
            new { name = "Boarding supervisor", login = AuthClient.NewEmail(), role = "clerk", counterId = Dhaka }, Ct));
        var id = created.GetProperty("staff").GetProperty("id").GetString()!;

        (await ops.PatchAsJsonAsync($"/api/admin/staff/{id}", new { role = "supervisor", reason = "Promoted" }, Ct)).EnsureSuccessStatusCode();
        var reset = await Json(await ops.PostAsync($"/api/admin/staff/{id}/reset-password", null, Ct));
        (await ops.PatchAsJsonAsync($"/api/admin/staff/{id}", new { disabled = true, reason = "Left the company" }, Ct)).EnsureSuccessStatusCode();

        var entries = await AuditAsync(ops, $"target=staff:{id}");
        Assert.Equal(["staff.disabled", "staff.password-reset", "staff.updated", "staff.created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(login, e.GetProperty("actorLogin").GetString()));
        Assert.Contains("\"role\":\"clerk\"", entries[2].GetProperty("before").GetString());
        Assert.Contains("\"role\":\"supervisor\"", entries[2].GetProperty("after").GetString());
        Assert.Equal("Promoted", entries[2].GetProperty("reason").GetString());
        Assert.DoesNotContain(reset.GetProperty("temporaryPassword").GetString()!, entries[1].GetRawText());
        Assert.DoesNotContain(created.GetProperty("temporaryPassword").GetString()!, entries[3].GetRawText());
        Assert.Equal("Left the company", entries[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TicketChangesByStaff_AreAudited_APassengersOwnChangeIsNot()
    {
        using var alice = await app.NewPassengerAsync();
        var trips = await TicketChangeApiTests.CoxTripsAsync(alice, 13);
        var pnr = (await TicketChangeApiTests.ConfirmedAsync(alice, trips.Morning, "G1", "G2")).GetProperty("pnr").GetString()!;
        (await alice.PostAsJsonAsync($"/api/bookings/{pnr}/seats", new { seats = new[] { "G3", "G4" } }, Ct)).EnsureSuccessStatusCode();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, TicketChangeApiTests.Sayedabad));

        (await clerk.PostAsJsonAsync($"/api/bookings/{pnr}/seats", new { seats = new[] { "H1", "H2" } }, Ct)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change",
            new { tripId = trips.Evening, seats = new[] { "H1", "H2" }, requestId = Guid.NewGuid().ToString() }, Ct)).EnsureSuccessStatusCode();
        (await clerk.DeleteAsync($"/api/bookings/{pnr}/trip-change", Ct)).EnsureSuccessStatusCode();
        (await clerk.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/H1", Passenger("Rahim Uddin Khan"), Ct)).EnsureSuccessStatusCode();
        (await clerk.DeleteAsync($"/api/bookings/{pnr}/passengers/H2", Ct)).EnsureSuccessStatusCode();

        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var entries = await AuditAsync(ops, $"target={pnr}");
        Assert.Equal([
            "booking.passenger-cancelled-by-staff", "booking.passenger-corrected-by-staff", "booking.trip-change-abandoned-by-staff",
            "booking.trip-changed-by-staff", "booking.seats-changed-by-staff",
        ], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("clerk", e.GetProperty("actorRole").GetString()));
        Assert.Contains("G3", entries[4].GetProperty("before").GetString());
        Assert.Contains("H1", entries[4].GetProperty("after").GetString());
        Assert.Contains(trips.Evening, entries[3].GetProperty("after").GetString());
        Assert.Contains("Rahim Uddin Khan", entries[1].GetProperty("after").GetString());
        Assert.DoesNotContain("01712345678", string.Concat(entries.Select(e => e.GetRawText())));
    }

    [Fact]
    public async Task BackupAndOutboxRetry_AreAudited()
    {
        var (ops, login) = await SignedInOpsAsync();
        using var _ = ops;
        // A notification that gave up, as the dispatcher leaves one after its last failed attempt.
        var key = "audit-" + Guid.NewGuid().ToString("N");
        var id = await app.Services.GetRequiredService<AppDatabase>().RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO notification_outbox (idempotency_key, pnr, kind, channel, recipient, language, body_text, status, "
                + $"attempts, next_attempt_at, last_error, created_at) VALUES ('{key}', 'DP7AUDIT', 'confirmation', 'sms', '+8801712345678', 'en', "
                + $"'Your ticket', 'dead', 5, 0, 'gateway down', 0) RETURNING id";
            return Convert.ToInt64(await command.ExecuteScalarAsync(token));
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, (await ops.PostAsync("/api/admin/backups", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ops.PostAsJsonAsync($"/api/admin/outbox/{id}/retry", new { }, Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/admin/outbox/999999999/retry", new { }, Ct),
            HttpStatusCode.NotFound, "outbox-message-not-found");

        var entries = await AuditAsync(ops, $"actor={Uri.EscapeDataString(login)}");
        Assert.Equal(["outbox.retried", "backup.taken"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal($"outbox:{id}", entries[0].GetProperty("target").GetString());
        Assert.StartsWith("backup:", entries[1].GetProperty("target").GetString());
    }

    [Fact]
    public async Task TripDeactivationAndCacheEviction_WithTheOperatorKey_AreAuditedWithTheKeyAsActor()
    {
        await using var keyed = new OpsKeyAppFixture();
        await keyed.InitializeAsync();
        using var script = keyed.NewVisitor();
        script.DefaultRequestHeaders.Add(ClusterAdmin.HeaderName, OpsKeyAppFixture.AdminKey);
        using var visitor = keyed.NewVisitor();
        var tripId = (await KolkataTripsAsync(visitor, 3))[0].TripId;

        Assert.Equal(HttpStatusCode.NoContent, (await script.PostAsync($"/api/admin/trips/{tripId}/deactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await script.PostAsync("/api/admin/cache/listings/evict", null, Ct)).StatusCode);
        using var wrongKey = keyed.NewVisitor();
        wrongKey.DefaultRequestHeaders.Add(ClusterAdmin.HeaderName, "not the key");
        Assert.False((await wrongKey.PostAsync("/api/admin/cache/listings/evict", null, Ct)).IsSuccessStatusCode);

        using var ops = keyed.WithToken(keyed.StaffToken(Roles.Ops));
        var entries = await AuditAsync(ops, "actor=" + ClusterAdmin.KeyActor);
        Assert.Equal([("cache.listings-evicted", "cache:listings"), ("trip.deactivated", tripId)], ActionsAndTargets(entries));
        Assert.All(entries, e => Assert.Equal(ClusterAdmin.KeyActor, e.GetProperty("actorRole").GetString()));
    }

    [Fact]
    public async Task BadQuery_Is400()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));

        await ProblemAssert.IsProblemAsync(await ops.GetAsync("/api/admin/audit?from=yesterday", Ct), HttpStatusCode.BadRequest, "invalid-request");
        await ProblemAssert.IsProblemAsync(await ops.GetAsync("/api/admin/audit?pageSize=5000", Ct), HttpStatusCode.BadRequest, "invalid-request");
    }
}
