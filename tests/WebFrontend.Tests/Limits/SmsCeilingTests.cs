using System.Net;
using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Limits;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Tests.Limits;

/// <summary>The proof-of-work app with a cluster budget of two sign-in SMS an hour, counts reported only when a test flushes.</summary>
public sealed class SmsCeilingAppFixture : ProofOfWorkAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Auth:Otp:SmsPerHourCeiling", "2"), new("Limits:FlushInterval", "00:01:00")];
}

/// <summary>
/// The hourly SMS budget over HTTP and across frontends: past it a code request is a 503 with a problem code and
/// Retry-After, nothing is texted, the readiness check reports it, and another frontend refuses too once it has read
/// the cluster's count. One test, since the budget is the whole cluster's.
/// </summary>
public sealed class SmsCeilingTests(SmsCeilingAppFixture app) : IClassFixture<SmsCeilingAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PastTheHourlyBudget_CodeRequestsAre503SmsCeiling_OnEveryFrontend_AndOpsSeeItInReadiness()
    {
        using var visitor = app.VisitorFrom("127.0.0.51");
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.PostAsJsonAsync("/api/auth/otp", new { phone = AuthClient.NewPhone() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.PostAsJsonAsync("/api/auth/otp", new { phone = AuthClient.NewPhone() }, Ct)).StatusCode);
        var texted = app.Sms.Accepted.Count;

        var phone = AuthClient.NewPhone();
        var refused = await visitor.PostAsJsonAsync("/api/auth/otp", new { phone }, Ct);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "sms-ceiling");
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(texted, app.Sms.Accepted.Count);
        var ready = await visitor.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync(Ct));

        // Another frontend learns the cluster's count on its next flush after it first looks, and refuses as well.
        var counts = new SharedCounts(TimeProvider.System, capacity: 1000);
        var otherFlusher = new SharedCountFlusher(counts, app.Services.GetRequiredService<IGrainFactory>(),
            app.Services.GetRequiredService<IOptions<SharedLimitOptions>>(), TimeProvider.System, NullLogger<SharedCountFlusher>.Instance);
        var other = ActivatorUtilities.CreateInstance<OtpService>(app.Services, counts);
        await app.Services.GetRequiredService<SharedCountFlusher>().FlushAsync();
        Assert.Equal(0, other.Ceiling.SentThisHour);
        await otherFlusher.FlushAsync();

        var elsewhere = await other.SendAsync("+880" + phone[1..], "en", "127.0.0.52", Ct);

        Assert.Equal(AuthErrorCode.SmsCeiling, elsewhere.Failure?.Code);
        Assert.Equal(texted, app.Sms.Accepted.Count);
    }
}
