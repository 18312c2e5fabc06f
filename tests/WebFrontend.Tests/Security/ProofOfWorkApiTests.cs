using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DiuParibahan.Testing;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// The app with a free allowance of two code requests per address per minute, cheap puzzles (8 bits) so tests solve
/// them in milliseconds, no resend cool-down (so one phone can be asked for twice in a test), and a fake SMS gateway,
/// so "no SMS was sent" is what the gateway saw. The shared test app keeps its raised ceiling for everyone else.
/// </summary>
public class ProofOfWorkAppFixture : WebAppFixture
{
    public SmsGatewayServer Sms { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Auth:Otp:PerAddressPerMinute", "2"),
        new("Auth:Otp:ChallengeBaseBits", "8"),
        new("Auth:Otp:ChallengeMaxBits", "10"),
        new("Auth:Otp:ResendCooldown", "00:00:00"),
        new("Notifications:Sms:Url", Sms.Url),
    ];

    /// <summary>
    /// A visitor whose connections come from <paramref name="localAddress"/> (any 127.x.y.z reaches the app on Linux),
    /// so each test is its own network behind one address and the per-address counts of tests do not mix.
    /// </summary>
    public HttpClient VisitorFrom(string localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = ServerAddress };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sms.DisposeAsync();
    }
}

/// <summary>
/// Fair access for code requests over HTTP: behind one address the first codes are free, then each needs a solved
/// proof-of-work challenge; forged, reused, foreign and expired solutions send nothing; per-phone limits still apply.
/// </summary>
public sealed class ProofOfWorkApiTests(ProofOfWorkAppFixture app) : IClassFixture<ProofOfWorkAppFixture>
{
    private static readonly TimeSpan SmsWait = TimeSpan.FromSeconds(30);

    private static string Normal(string local) => "+880" + local[1..];

    private static async Task<HttpResponseMessage> AskAsync(HttpClient client, string phone, string? challenge = null, long? solution = null) =>
        await client.PostAsJsonAsync("/api/auth/otp", new { phone, challenge, solution }, TestContext.Current.CancellationToken);

    private static async Task<(string Token, int Difficulty)> ChallengeOfAsync(HttpResponseMessage response)
    {
        var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionRequired, "challenge-required");
        var challenge = body.GetProperty("challenge");
        Assert.True(challenge.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        return (challenge.GetProperty("token").GetString()!, challenge.GetProperty("difficulty").GetInt32());
    }

    private static async Task UseUpAllowanceAsync(HttpClient client)
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, AuthClient.NewPhone())).StatusCode);
        }
    }

    private bool Texted(string localPhone) => app.Sms.Accepted.Any(sms => sms.To == Normal(localPhone));

    [Fact]
    public async Task BehindOneAddress_TheFirstCodesAreFree_ThenAChallenge_AndASolvedOneSendsACodeThatSignsIn()
    {
        using var client = app.VisitorFrom("127.0.0.21");
        var first = AuthClient.NewPhone();
        var second = AuthClient.NewPhone();
        var third = AuthClient.NewPhone();

        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, second)).StatusCode);
        var challenged = await AskAsync(client, third);
        var (token, difficulty) = await ChallengeOfAsync(challenged);
        Assert.False(challenged.Headers.Contains("Retry-After"));
        Assert.False(Texted(third));

        Assert.InRange(difficulty, 8, 10);
        var solved = await AskAsync(client, third, token, ProofOfWorkTests.Solve(token, difficulty));
        Assert.Equal(HttpStatusCode.Accepted, solved.StatusCode);

        var code = await app.Sms.NextCodeAsync(Normal(third), SmsWait);
        var verified = await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone = third, code }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task ForgedReusedAndOtherPhoneSolutions_AreRefused_AndNothingIsTexted()
    {
        using var client = app.VisitorFrom("127.0.0.22");
        await UseUpAllowanceAsync(client);
        var phone = AuthClient.NewPhone();
        var other = AuthClient.NewPhone();
        var (token, difficulty) = await ChallengeOfAsync(await AskAsync(client, phone));
        var solution = ProofOfWorkTests.Solve(token, difficulty);
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        await ProblemAssert.IsProblemAsync(await AskAsync(client, phone, forged, solution), HttpStatusCode.BadRequest, "challenge-invalid");
        await ProblemAssert.IsProblemAsync(await AskAsync(client, other, token, solution), HttpStatusCode.BadRequest, "challenge-invalid");
        await ProblemAssert.IsProblemAsync(await AskAsync(client, phone, token, null), HttpStatusCode.BadRequest, "challenge-invalid");
        Assert.False(Texted(phone));
        Assert.False(Texted(other));

        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, phone, token, solution)).StatusCode);
        await app.Sms.NextCodeAsync(Normal(phone), SmsWait);
        await ProblemAssert.IsProblemAsync(await AskAsync(client, phone, token, solution), HttpStatusCode.BadRequest, "challenge-invalid");
        Assert.Single(app.Sms.Accepted, sms => sms.To == Normal(phone));
    }

    [Fact]
    public async Task AnExpiredSolution_GetsAFreshChallenge_AndNothingIsTexted()
    {
        using var client = app.VisitorFrom("127.0.0.23");
        await UseUpAllowanceAsync(client);
        var phone = AuthClient.NewPhone();
        // A challenge the app signed three minutes ago (lifetime two): what a very slow phone would send back.
        var key = ProofOfWorkChallenges.DeriveKey(app.Services.GetRequiredService<SigningKeys>());
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(3));
        var old = new ProofOfWorkChallenges(key, TimeSpan.FromMinutes(2), past, 10).Issue(Normal(phone), 8);

        var late = await AskAsync(client, phone, old.Token, ProofOfWorkTests.Solve(old.Token, old.Difficulty));

        var (fresh, _) = await ChallengeOfAsync(late);
        Assert.NotEqual(old.Token, fresh);
        Assert.False(Texted(phone));
    }

    [Fact]
    public async Task PerPhoneLimits_StillApply_ToSolvedChallenges_AndComeBeforeAnyPuzzle()
    {
        using var client = app.VisitorFrom("127.0.0.24");
        await UseUpAllowanceAsync(client);
        var phone = AuthClient.NewPhone();
        for (var i = 0; i < 5; i++)
        {
            var (token, difficulty) = await ChallengeOfAsync(await AskAsync(client, phone));
            Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, phone, token, ProofOfWorkTests.Solve(token, difficulty))).StatusCode);
        }

        var sixth = await AskAsync(client, phone);

        var body = await ProblemAssert.IsProblemAsync(sixth, HttpStatusCode.TooManyRequests, "otp-hourly-limit");
        Assert.False(body.TryGetProperty("challenge", out _));
        Assert.True(sixth.Headers.Contains("Retry-After"));
        Assert.Equal(5, app.Sms.Accepted.Count(sms => sms.To == Normal(phone)));
    }

    [Fact]
    public async Task AnotherAddress_StillHasItsFreeAllowance()
    {
        using var busy = app.VisitorFrom("127.0.0.25");
        await UseUpAllowanceAsync(busy);
        await ChallengeOfAsync(await AskAsync(busy, AuthClient.NewPhone()));

        using var quiet = app.VisitorFrom("127.0.0.26");
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(quiet, AuthClient.NewPhone())).StatusCode);
    }
}
