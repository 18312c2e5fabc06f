using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// <see cref="StaffAccessGuard"/> against the app's own account store, on a fake clock: a disabled staff account is
/// refused, what it learned is trusted for <see cref="StaffAccessGuard.Recheck"/> and no longer, and a change made here
/// is seen at once.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class StaffAccessGuardTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero));

    private UserStore Users => app.Services.GetRequiredService<UserStore>();

    private async Task<UserAccount> NewClerkAsync()
    {
        var clerk = new UserAccount(Guid.NewGuid().ToString("N"), AuthClient.NewEmail(), "Clerk", "", Roles.Clerk, Dhaka, _clock.GetUtcNow());
        Assert.True(await Users.TryCreateAsync(clerk, Ct));
        return clerk;
    }

    private async Task DisableAsync(UserAccount account) =>
        Assert.True(await Users.TryUpdateStaffAsync(account with { DisabledAt = _clock.GetUtcNow() }, Ct));

    [Fact]
    public async Task ADisabledAccount_IsDisabled_AnEnabledOneAndAnUnknownIdAreNot()
    {
        var guard = new StaffAccessGuard(Users, _clock);
        var enabled = await NewClerkAsync();
        var disabled = await NewClerkAsync();
        await DisableAsync(disabled);

        Assert.True(await guard.IsDisabledAsync(disabled.Id, Ct));
        Assert.False(await guard.IsDisabledAsync(enabled.Id, Ct));
        Assert.False(await guard.IsDisabledAsync(Guid.NewGuid().ToString("N"), Ct));
    }

    [Fact]
    public async Task AnAccountDisabledElsewhere_IsRefusedOnceTheRecheckIntervalHasPassed_NotBefore()
    {
        var guard = new StaffAccessGuard(Users, _clock);
        var clerk = await NewClerkAsync();
        Assert.False(await guard.IsDisabledAsync(clerk.Id, Ct));

        // Another frontend disables it: this one trusts what it read until the recheck interval is over.
        await DisableAsync(clerk);
        _clock.Advance(StaffAccessGuard.Recheck - TimeSpan.FromMilliseconds(1));
        Assert.False(await guard.IsDisabledAsync(clerk.Id, Ct));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await guard.IsDisabledAsync(clerk.Id, Ct));
    }

    [Fact]
    public async Task TheRecheckIntervalRunsFromTheLastRead_NotFromTheFirst()
    {
        var guard = new StaffAccessGuard(Users, _clock);
        var clerk = await NewClerkAsync();
        Assert.False(await guard.IsDisabledAsync(clerk.Id, Ct));
        _clock.Advance(StaffAccessGuard.Recheck);
        Assert.False(await guard.IsDisabledAsync(clerk.Id, Ct));

        await DisableAsync(clerk);
        _clock.Advance(StaffAccessGuard.Recheck - TimeSpan.FromMilliseconds(1));

        Assert.False(await guard.IsDisabledAsync(clerk.Id, Ct));
    }

    [Fact]
    public async Task Forget_MakesTheNextCheckReadTheAccountAtOnce()
    {
        var guard = new StaffAccessGuard(Users, _clock);
        var clerk = await NewClerkAsync();
        Assert.False(await guard.IsDisabledAsync(clerk.Id, Ct));
        await DisableAsync(clerk);

        guard.Forget(clerk.Id);

        Assert.True(await guard.IsDisabledAsync(clerk.Id, Ct));
    }
}
