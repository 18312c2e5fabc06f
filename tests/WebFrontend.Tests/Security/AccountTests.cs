using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Security;

[Collection(WebAppCollection.Name)]
public sealed class AccountTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        using var client = app.NewVisitor();
        return await client.PostAsJsonAsync(path, body, Ct);
    }

    private async Task<JsonElement> MeAsync(string accessToken)
    {
        using var client = app.WithToken(accessToken);
        return JsonDocument.Parse(await client.GetStringAsync("/api/auth/me", Ct)).RootElement;
    }

    [Fact]
    public async Task Register_WithAMobileNumberInLocalForm_StoresItNormalised_AndSignsIn()
    {
        var phone = AuthClient.NewPhone();
        var local = $"{phone[..5]}-{phone[5..]}";

        var response = await PostAsync("/api/auth/register", new { login = local, password = AuthClient.GoodPassword, name = "Rahim" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = await AuthClient.ReadSessionAsync(response);
        Assert.False(string.IsNullOrEmpty(session.RefreshToken));
        var me = await MeAsync(session.AccessToken);
        Assert.Equal("+88" + phone, me.GetProperty("login").GetString());
        Assert.Equal("passenger", me.GetProperty("role").GetString());
        Assert.Equal("Rahim", me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Login_WithTheSameNumberWrittenInternationally_Succeeds()
    {
        var phone = AuthClient.NewPhone();
        await app.RegisterAsync(phone);

        var response = await PostAsync("/api/auth/login", new { login = "+88" + phone, password = AuthClient.GoodPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await MeAsync((await AuthClient.ReadSessionAsync(response)).AccessToken);
        Assert.Equal("+88" + phone, me.GetProperty("login").GetString());
    }

    [Fact]
    public async Task Register_Twice_Is409LoginTaken_EvenWithDifferentCase()
    {
        var email = AuthClient.NewEmail();
        await app.RegisterAsync(email);

        var response = await PostAsync("/api/auth/register", new { login = email.ToUpperInvariant(), password = "another good one" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "login-taken");
        var old = await PostAsync("/api/auth/login", new { login = email, password = AuthClient.GoodPassword });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("password123")]
    [InlineData("12345678")]
    public async Task Register_WithAWeakPassword_Is400WeakPassword_AndCreatesNothing(string password)
    {
        var email = AuthClient.NewEmail();

        var response = await PostAsync("/api/auth/register", new { login = email, password });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "weak-password");
        var login = await PostAsync("/api/auth/login", new { login = email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("0171234567")]
    [InlineData("01212345678")]
    [InlineData("+9101712345678")]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task Register_WithAMalformedMobileNumberOrEmail_Is400InvalidLogin(string login)
    {
        var response = await PostAsync("/api/auth/register", new { login, password = AuthClient.GoodPassword });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-login");
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownAccount_GetTheSameAnswer()
    {
        var email = AuthClient.NewEmail();
        await app.RegisterAsync(email);

        var wrongPassword = await ProblemAssert.IsProblemAsync(
            await PostAsync("/api/auth/login", new { login = email, password = "not the password" }), HttpStatusCode.Unauthorized, "invalid-credentials");
        var unknown = await ProblemAssert.IsProblemAsync(
            await PostAsync("/api/auth/login", new { login = AuthClient.NewEmail(), password = "not the password" }), HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Equal(wrongPassword.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refresh_RotatesTheToken_AndTheNewAccessTokenWorks()
    {
        var session = await app.RegisterAsync();

        var response = await PostAsync("/api/auth/refresh", new { refreshToken = session.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = await AuthClient.ReadSessionAsync(response);
        Assert.NotEqual(session.RefreshToken, next.RefreshToken);
        Assert.Equal(session.User.GetProperty("id").GetString(), (await MeAsync(next.AccessToken)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Refresh_WithASpentToken_RevokesTheFamily_SoTheNewerTokenStopsWorkingToo()
    {
        var first = await app.RegisterAsync();
        var second = await AuthClient.ReadSessionAsync(await PostAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken }));

        var replay = await PostAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });

        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.Unauthorized, "refresh-token-reused");
        var newer = await PostAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken });
        await ProblemAssert.IsProblemAsync(newer, HttpStatusCode.Unauthorized, "invalid-refresh-token");
    }

    [Fact]
    public async Task Refresh_ConcurrentlyWithTheSameToken_SucceedsAtMostOnce()
    {
        var session = await app.RegisterAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync("/api/auth/refresh", new { refreshToken = session.RefreshToken })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WithAnUnknownToken_Is401()
    {
        var response = await PostAsync("/api/auth/refresh", new { refreshToken = "bm90LWEtcmVhbC10b2tlbg" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-refresh-token");
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshToken()
    {
        var session = await app.RegisterAsync();

        var logout = await PostAsync("/api/auth/logout", new { refreshToken = session.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var refresh = await PostAsync("/api/auth/refresh", new { refreshToken = session.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Me_WithoutAToken_Is401()
    {
        using var client = app.NewVisitor();

        var response = await client.GetAsync("/api/auth/me", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task DemoStaffAccounts_ExistWithTheirRoles()
    {
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WebFrontend.Auth.UserStore>(app.Services);

        var clerk = await users.FindByLoginAsync("clerk.kalyanpur@diuparibahan.local", Ct);
        var ops = await users.FindByLoginAsync("ops@diuparibahan.local", Ct);

        Assert.Equal(("clerk", "dhaka-kalyanpur"), (clerk?.Role, clerk?.CounterId));
        Assert.Equal("ops", ops?.Role);
    }
}
