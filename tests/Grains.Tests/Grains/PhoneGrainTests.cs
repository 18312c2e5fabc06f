using System.Text.Json;
using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// A phone's ops block on its own: it must end in the future, it is audited when it is set (not only with the next ops
/// action), and an audited action is not audited again by the next activation. On the fake clock, so "now" is exact.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class PhoneGrainTests(FakeClockClusterFixture fixture)
{
    private static readonly HolderAction Ops = new("user-ops", "ops@diuparibahan.local", "ops", "hoarding");

    private static string NewPhone() => "+88016" + Random.Shared.Next(10_000_000, 99_999_999);

    private IReadOnlyList<string> AuditOf(string phone, string kind) =>
        fixture.Events.OfKind(kind)
            .Where(e => JsonDocument.Parse(e.PayloadJson).RootElement.GetProperty("phone").GetString() == phone)
            .Select(e => e.Kind)
            .ToList();

    [Fact]
    public async Task Block_UntilNow_IsRefused_AndBlocksNothing()
    {
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(NewPhone());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => phone.BlockAsync(Ops, FakeClockClusterFixture.Clock.GetUtcNow()));

        Assert.Null((await phone.GetSummaryAsync()).Block);
    }

    [Fact]
    public async Task Block_IsAuditedWhenSet_AndOnceOnly_EvenAfterTheNextActivation()
    {
        var number = NewPhone();
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(number);

        await phone.BlockAsync(Ops, FakeClockClusterFixture.Clock.GetUtcNow() + TimeSpan.FromDays(1));
        Assert.Single(AuditOf(number, HolderAuditKinds.Blocked));

        // A fresh activation publishes whatever stored audit is still pending: nothing, once it was published and stored.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.NotNull((await phone.GetSummaryAsync()).Block);
        await phone.UnblockAsync(Ops);

        Assert.Single(AuditOf(number, HolderAuditKinds.Blocked));
        Assert.Single(AuditOf(number, HolderAuditKinds.Unblocked));
    }
}
