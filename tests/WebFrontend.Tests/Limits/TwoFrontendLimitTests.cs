using System.Net;
using System.Net.Http.Json;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Limits;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Tests.Limits;

/// <summary>
/// The proof-of-work app (a free allowance of two code requests per address a minute) whose counts are reported only
/// when a test flushes them, so what each frontend knows is decided by the test and not by a timer.
/// </summary>
public sealed class TwoFrontendAppFixture : ProofOfWorkAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Limits:FlushInterval", "00:01:00")];
}

/// <summary>
/// Limits shared by several frontends: the app is one frontend; the other is a second set of the same services (its own
/// counts, flusher, code service and look-up throttle) over the same grains, as a second process behind the load
/// balancer would be. A restarted frontend is such a second set too: it starts with no counts of its own.
/// </summary>
public sealed class TwoFrontendLimitTests(TwoFrontendAppFixture app) : IClassFixture<TwoFrontendAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Normal(string local) => "+880" + local[1..];

    private static async Task<HttpResponseMessage> AskAsync(HttpClient client, string phone) =>
        await client.PostAsJsonAsync("/api/auth/otp", new { phone }, Ct);

    private (SharedCountFlusher Flusher, OtpService Otp) OtherFrontend()
    {
        var counts = new SharedCounts(TimeProvider.System, capacity: 1000);
        var flusher = new SharedCountFlusher(counts, app.Services.GetRequiredService<IGrainFactory>(),
            app.Services.GetRequiredService<IOptions<SharedLimitOptions>>(), TimeProvider.System, NullLogger<SharedCountFlusher>.Instance);
        return (flusher, ActivatorUtilities.CreateInstance<OtpService>(app.Services, counts));
    }

    [Fact]
    public async Task CodeRequestsFromOneAddress_ThroughTwoFrontends_ShareOneFreeAllowance()
    {
        const string address = "127.0.0.41";
        using var visitor = app.VisitorFrom(address);
        var (otherFlusher, other) = OtherFrontend();
        var appFlusher = app.Services.GetRequiredService<SharedCountFlusher>();

        // One free code through each frontend: each alone has counted one of the address's two.
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(visitor, AuthClient.NewPhone())).StatusCode);
        Assert.True((await other.SendAsync(Normal(AuthClient.NewPhone()), "en", address, Ct)).Sent);
        await appFlusher.FlushAsync();
        await otherFlusher.FlushAsync();
        await appFlusher.FlushAsync();

        // The third, on either frontend, is past the allowance of two (each would have let it through on its own count).
        var third = AuthClient.NewPhone();
        await ProblemAssert.IsProblemAsync(await AskAsync(visitor, third), (HttpStatusCode)428, "challenge-required");
        var fourth = await other.SendAsync(Normal(AuthClient.NewPhone()), "en", address, Ct);
        Assert.False(fourth.Sent);
        Assert.Equal(AuthErrorCode.ChallengeRequired, fourth.Failure?.Code);
        Assert.DoesNotContain(app.Sms.Accepted, sms => sms.To == Normal(third));
    }

    [Fact]
    public async Task CodeRequests_AfterAFrontendRestart_StillCountTheAddressesEarlierRequests()
    {
        const string address = "127.0.0.42";
        var (firstFlusher, first) = OtherFrontend();
        Assert.True((await first.SendAsync(Normal(AuthClient.NewPhone()), "en", address, Ct)).Sent);
        Assert.True((await first.SendAsync(Normal(AuthClient.NewPhone()), "en", address, Ct)).Sent);
        await firstFlusher.FlushAsync();

        // A new process for the same frontend: its first request is counted locally, reported, and the total read back.
        var (restartedFlusher, restarted) = OtherFrontend();
        var afterRestart = await restarted.SendAsync(Normal(AuthClient.NewPhone()), "en", address, Ct);
        await restartedFlusher.FlushAsync();
        var next = await restarted.SendAsync(Normal(AuthClient.NewPhone()), "en", address, Ct);

        // The first one after the restart is the overshoot the batching allows (one flush's local count); the next is not free.
        Assert.True(afterRestart.Sent);
        Assert.Equal(AuthErrorCode.ChallengeRequired, next.Failure?.Code);
    }

    [Fact]
    public async Task BookingLookups_OfOnePhone_ThroughTwoFrontendsAndARestart_ShareOneLimit()
    {
        var phone = AuthClient.NewPhone();
        using var visitor = app.NewVisitor();
        var options = app.Services.GetRequiredService<IOptions<BookingLookupOptions>>();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var other = new BookingLookupThrottle(grains, options, TimeProvider.System);
        var limit = options.Value.PerKeyLimit;

        for (var i = 0; i < limit - 1; i++)
        {
            var looked = await visitor.PostAsJsonAsync("/api/bookings/lookup", new { pnr = PnrFormat.New(), phone }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, looked.StatusCode);
        }
        Assert.Null(await other.TryLookupAsync(Normal(phone), PnrFormat.New()));

        // The limit is used up across both: the app refuses the next one, and so does a freshly started frontend.
        var refused = await visitor.PostAsJsonAsync("/api/bookings/lookup", new { pnr = PnrFormat.New(), phone }, Ct);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var restarted = new BookingLookupThrottle(grains, options, TimeProvider.System);
        Assert.NotNull(await restarted.TryLookupAsync(Normal(phone), PnrFormat.New()));
    }
}
