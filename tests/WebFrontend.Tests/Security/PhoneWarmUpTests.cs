using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// Signing in by SMS code wakes the phone's grain (one-way), so a passenger's first hold does not wait for the phone's
/// state to be read (docs/profiles/cold-holds.md); a failed sign-in wakes nothing.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PhoneWarmUpTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigningInByCode_WakesThatPhonesGrain()
    {
        var phone = AuthClient.NewPhone();
        var key = "+880" + phone[1..];
        Assert.False(await ActiveAsync(key));

        await app.SignInByCodeAsync(phone);

        // The wake-up is one-way: the answer does not wait for it, so poll until the activation shows up or time runs out.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await ActiveAsync(key))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the phone grain {key} was not activated within 30 s of the sign-in");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task AWrongCode_WakesNoPhoneGrain()
    {
        using var client = app.CreateClient();
        var phone = AuthClient.NewPhone();
        var key = "+880" + phone[1..];
        var code = await PassengerSignIn.RequestDemoCodeAsync(client, phone);
        var wrong = code == "000000" ? "111111" : "000000";

        using var response = await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code = wrong }, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        // A correct sign-in of another phone afterwards is activated; by then a wake-up for this one would have arrived too.
        var other = AuthClient.NewPhone();
        await app.SignInByCodeAsync(other);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await ActiveAsync("+880" + other[1..]))
        {
            Assert.True(DateTime.UtcNow < deadline, "the other phone's grain was not activated within 30 s");
            await Task.Delay(50, Ct);
        }
        Assert.False(await ActiveAsync(key));
    }

    private async Task<bool> ActiveAsync(string phoneKey)
    {
        var statistics = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Any(s => s.GrainType.Contains("PhoneGrain", StringComparison.Ordinal) && s.GrainId.Key.ToString() == phoneKey);
    }
}
