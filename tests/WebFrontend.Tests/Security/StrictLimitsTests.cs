using System.Net;
using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using Microsoft.AspNetCore.SignalR.Client;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Security;

[Collection(StrictWebAppCollection.Name)]
public sealed class StrictLimitsTests(StrictWebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_FromOneAddressTryingManyAccounts_Is429WithRetryAfter()
    {
        using var client = app.NewVisitor();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= StrictWebAppFixture.AuthPerMinute; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/auth/login", new { login = AuthClient.NewEmail(), password = "guess number one" }, Ct));
        }

        Assert.All(answers.SkipLast(1), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        await ProblemAssert.IsProblemAsync(answers[^1], HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task HubAccessTokenInTheQuery_NeverReachesTheLogs_EvenAtTrace()
    {
        var token = app.StaffToken(WebFrontend.Auth.Roles.Passenger);
        using var client = app.NewVisitor();
        var trip = (await KolkataTripsAsync(client, 9))[1];
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, $"/hubs/trips?access_token={token}")).Build();
        await using (connection)
        {
            await connection.StartAsync(Ct);
            await connection.InvokeAsync<System.Text.Json.JsonElement>("Watch", trip.TripId, Dhaka, Kolkata, Ct);
        }

        Assert.Contains(app.Logs, line => line.Contains("/hubs/trips", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, line => line.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }
}
