using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// The signed <c>dp_owner</c> cookie in embedded mode: its key ring lives in the database file, so the app restarted
/// over the same file still reads a cookie it signed before, and an app over another file (another deployment) does not.
/// </summary>
public sealed class OwnerCookieKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OwnerCookie_SignedBeforeARestart_IsReadAfterIt_AndAnotherDatabaseRefusesIt()
    {
        var folder = Directory.CreateTempSubdirectory("dp-keyring-").FullName;
        try
        {
            var databasePath = Path.Combine(folder, "shared.db");
            string cookie;
            string owner;
            await using (var first = new SharedDataAppFixture(databasePath))
            {
                await first.InitializeAsync();
                using var visitor = first.NewVisitor();
                var response = await visitor.PostAsJsonAsync("/api/auth/guest", new { }, Ct);
                owner = (await AuthClient.ReadSessionAsync(response)).User.GetProperty("id").GetString()!;
                cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(OwnerResolver.CookieName + "=", StringComparison.Ordinal))
                    .Split(';')[0];
            }

            await using var restarted = new SharedDataAppFixture(databasePath);
            await restarted.InitializeAsync();
            Assert.Equal(owner, await GuestOwnerAsync(restarted, cookie));

            await using var otherDeployment = new WebAppFixture();
            await otherDeployment.InitializeAsync();
            Assert.NotEqual(owner, await GuestOwnerAsync(otherDeployment, cookie));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The owner id the app gives a visitor presenting <paramref name="cookie"/> (a new one if it refuses the cookie).</summary>
    private static async Task<string> GuestOwnerAsync(WebAppFixture app, string cookie)
    {
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/guest") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Cookie", cookie);
        return (await AuthClient.ReadSessionAsync(await client.SendAsync(request, Ct))).User.GetProperty("id").GetString()!;
    }
}
