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

/// <summary>Ops manage staff over HTTP: who may, temporary passwords, a new clerk selling, disabling, bad input.</summary>
[Collection(WebAppCollection.Name)]
public sealed class StaffApiTests(WebAppFixture app)
{
    private const string NewPassword = "a fresh counter password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Ops() => app.WithToken(app.StaffToken(Roles.Ops));

    private static Task<HttpResponseMessage> CreateAsync(HttpClient ops, object body) => ops.PostAsJsonAsync("/api/admin/staff", body, Ct);

    private async Task<HttpResponseMessage> LoginAsync(string login, string password)
    {
        using var visitor = app.NewVisitor();
        return await visitor.PostAsJsonAsync("/api/auth/login", new { login, password }, Ct);
    }

    [Fact]
    public async Task Staff_IsOpsOnly()
    {
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        using var supervisor = app.WithToken(app.StaffToken(Roles.Supervisor));
        using var ops = Ops();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/staff", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/staff", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/admin/staff", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await clerk.PostAsJsonAsync("/api/admin/staff", new { name = "X", login = AuthClient.NewEmail(), role = "ops" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/admin/staff", Ct)).StatusCode);
    }

    [Fact]
    public async Task NewClerk_WithATemporaryPassword_MustChangeIt_ThenSignsInAndSellsAtTheCounter()
    {
        using var ops = Ops();
        var login = AuthClient.NewEmail();

        var created = await Json(await CreateAsync(ops, new { name = "Sayedabad clerk", login, role = "clerk", counterId = Dhaka }));
        var temporary = created.GetProperty("temporaryPassword").GetString()!;
        Assert.Equal("clerk", created.GetProperty("staff").GetProperty("role").GetString());
        Assert.True(created.GetProperty("staff").GetProperty("passwordChangeRequired").GetBoolean());

        var first = await LoginAsync(login, temporary);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var limited = await AuthClient.ReadSessionAsync(first);
        Assert.True(JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Null(limited.RefreshToken);
        using (var onlyPassword = app.WithToken(limited.AccessToken))
        {
            // The temporary token is good for nothing but the password change.
            var refused = await onlyPassword.PostAsJsonAsync("/api/counter/sales", new { tripId = "x", seats = new[] { "A1" }, from = Dhaka, to = Kolkata,
                requestId = Guid.NewGuid().ToString(), passengers = new[] { Passenger() } }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var changed = await onlyPassword.PostAsJsonAsync("/api/auth/password", new { currentPassword = temporary, newPassword = NewPassword }, Ct);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(login, temporary)).StatusCode);
        var session = await AuthClient.ReadSessionAsync(await LoginAsync(login, NewPassword));
        Assert.NotNull(session.RefreshToken);
        Assert.Equal(Dhaka, session.User.GetProperty("counterId").GetString());
        using var clerk = app.WithToken(session.AccessToken);
        var tripId = (await KolkataTripsAsync(clerk, 1))[^1].TripId;
        var sale = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { "F4" }, from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(), passengers = new[] { Passenger() },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
    }

    [Fact]
    public async Task Disabling_EndsTheSessionsAtOnce_AndSignInIsRefused()
    {
        using var ops = Ops();
        var login = AuthClient.NewEmail();
        var id = (await Json(await CreateAsync(ops, new { name = "Supervisor", login, role = "supervisor", password = NewPassword })))
            .GetProperty("staff").GetProperty("id").GetString()!;
        var session = await AuthClient.ReadSessionAsync(await LoginAsync(login, NewPassword));
        using var supervisor = app.WithToken(session.AccessToken);
        var tripId = (await KolkataTripsAsync(supervisor, 1))[0].TripId;
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/staff/trips/{tripId}/manifest", Ct)).StatusCode);

        var disabled = await ops.PatchAsJsonAsync($"/api/admin/staff/{id}", new { disabled = true, reason = "Left the company" }, Ct);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await Json(disabled)).GetProperty("disabled").GetBoolean());
        using var visitor = app.NewVisitor();
        var refresh = await visitor.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = session.RefreshToken }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        await ProblemAssert.IsProblemAsync(await LoginAsync(login, NewPassword), HttpStatusCode.Forbidden, "account-disabled");
        // The access token it still holds is refused too, before it expires.
        Assert.Equal(HttpStatusCode.Unauthorized, (await supervisor.GetAsync($"/api/staff/trips/{tripId}/manifest", Ct)).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_GivesANewTemporaryPassword_AndTheOldOneStopsWorking()
    {
        using var ops = Ops();
        var login = AuthClient.NewEmail();
        var id = (await Json(await CreateAsync(ops, new { name = "Clerk", login, role = "clerk", counterId = Dhaka, password = NewPassword })))
            .GetProperty("staff").GetProperty("id").GetString()!;

        var reset = await Json(await ops.PostAsync($"/api/admin/staff/{id}/reset-password", null, Ct));
        var temporary = reset.GetProperty("temporaryPassword").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(login, NewPassword)).StatusCode);
        var first = await LoginAsync(login, temporary);
        Assert.True(JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("passwordChangeRequired").GetBoolean());
    }

    [Fact]
    public async Task ChangingRoleAndCounter_IsStored()
    {
        using var ops = Ops();
        var id = (await Json(await CreateAsync(ops, new { name = "Clerk", login = AuthClient.NewEmail(), role = "clerk", counterId = Dhaka,
            password = NewPassword }))).GetProperty("staff").GetProperty("id").GetString()!;

        var updated = await Json(await ops.PatchAsJsonAsync($"/api/admin/staff/{id}", new { role = "supervisor", counterId = "" }, Ct));

        Assert.Equal(("supervisor", JsonValueKind.Null), (updated.GetProperty("role").GetString(), updated.GetProperty("counterId").ValueKind));
        var listed = (await ops.GetFromJsonAsync<JsonElement>("/api/admin/staff", Ct)).EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
        Assert.Equal("supervisor", listed.GetProperty("role").GetString());
    }

    public static TheoryData<string, HttpStatusCode, string> BadStaff => new()
    {
        { """{"name":"X","login":"not a login","role":"clerk","counterId":"dhaka-kalyanpur"}""", HttpStatusCode.BadRequest, "invalid-login" },
        { """{"name":"X","login":"{login}","role":"driver"}""", HttpStatusCode.BadRequest, "unknown-role" },
        { """{"name":"X","login":"{login}","role":"clerk","counterId":"nowhere"}""", HttpStatusCode.BadRequest, "unknown-counter" },
        { """{"name":"X","login":"{login}","role":"clerk"}""", HttpStatusCode.BadRequest, "counter-required" },
        { """{"name":"X","login":"{login}","role":"ops","counterId":"dhaka-kalyanpur"}""", HttpStatusCode.BadRequest, "counter-not-allowed" },
        { """{"name":"X","login":"{login}","role":"ops","password":"password"}""", HttpStatusCode.BadRequest, "weak-password" },
        { """{"name":"","login":"{login}","role":"ops"}""", HttpStatusCode.BadRequest, "invalid-name" },
        { """{"name":"X","login":"ops@diuparibahan.local","role":"ops"}""", HttpStatusCode.Conflict, "login-taken" },
    };

    [Theory]
    [MemberData(nameof(BadStaff))]
    public async Task Create_WithBadInput_IsAProblem_AndNobodyIsCreated(string body, HttpStatusCode status, string code)
    {
        using var ops = Ops();
        var login = AuthClient.NewEmail();

        var response = await ops.PostAsync("/api/admin/staff",
            new StringContent(body.Replace("{login}", login), System.Text.Encoding.UTF8, "application/json"), Ct);

        await ProblemAssert.IsProblemAsync(response, status, code);
        var after = await ops.GetFromJsonAsync<JsonElement>("/api/admin/staff", Ct);
        Assert.DoesNotContain(after.EnumerateArray(), s => s.GetProperty("login").GetString() == login);
    }

    [Fact]
    public async Task Update_OfAnUnknownAccount_Is404_AndAnUnknownRoleIs400()
    {
        using var ops = Ops();
        var id = (await Json(await CreateAsync(ops, new { name = "Clerk", login = AuthClient.NewEmail(), role = "clerk", counterId = Dhaka,
            password = NewPassword }))).GetProperty("staff").GetProperty("id").GetString()!;

        await ProblemAssert.IsProblemAsync(await ops.PatchAsJsonAsync("/api/admin/staff/nobody", new { disabled = true }, Ct),
            HttpStatusCode.NotFound, "staff-not-found");
        await ProblemAssert.IsProblemAsync(await ops.PatchAsJsonAsync($"/api/admin/staff/{id}", new { role = "owner" }, Ct),
            HttpStatusCode.BadRequest, "unknown-role");
        var listed = (await ops.GetFromJsonAsync<JsonElement>("/api/admin/staff", Ct)).EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
        Assert.Equal("clerk", listed.GetProperty("role").GetString());
    }

    [Fact]
    public async Task DisablingYourself_AsTheLastOpsAccount_IsAProblem_AndNothingChanges()
    {
        // An app of its own without demo accounts: the account created here is the only stored ops account.
        await using var fresh = new OpsKeyAppFixture();
        await fresh.InitializeAsync();
        var login = AuthClient.NewEmail();
        using (var bootstrap = fresh.WithToken(fresh.StaffToken(Roles.Ops)))
        {
            (await bootstrap.PostAsJsonAsync("/api/admin/staff", new { name = "Only ops", login, role = "ops", password = NewPassword }, Ct))
                .EnsureSuccessStatusCode();
        }
        using var visitor = fresh.NewVisitor();
        var session = await AuthClient.ReadSessionAsync(await visitor.PostAsJsonAsync("/api/auth/login", new { login, password = NewPassword }, Ct));
        using var me = fresh.WithToken(session.AccessToken);
        var id = session.User.GetProperty("id").GetString()!;

        var response = await me.PatchAsJsonAsync($"/api/admin/staff/{id}", new { disabled = true, reason = "Leaving" }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "last-ops");
        var listed = (await me.GetFromJsonAsync<JsonElement>("/api/admin/staff", Ct)).EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
        Assert.False(listed.GetProperty("disabled").GetBoolean());
        Assert.Equal("ops", listed.GetProperty("role").GetString());
        using var again = fresh.NewVisitor();
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("/api/auth/login", new { login, password = NewPassword }, Ct)).StatusCode);
        var audit = await me.GetFromJsonAsync<JsonElement>($"/api/admin/audit?target=staff:{id}", Ct);
        Assert.DoesNotContain(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "staff.disabled");
    }
}
