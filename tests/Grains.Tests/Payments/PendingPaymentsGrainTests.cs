using DiuParibahan.Grains.Payments;
using DiuParibahan.Grains.Tests.Fixtures;

namespace DiuParibahan.Grains.Tests.Payments;

[Collection(ClusterCollection.Name)]
public sealed class PendingPaymentsGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Created = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private IPendingPaymentsGrain NewRegistry() => fixture.Grains.GetGrain<IPendingPaymentsGrain>($"bkash-{Guid.NewGuid():N}");

    private static PendingPayment Payment(string id, DateTimeOffset? at = null) => new(id, "DP-K7M2QX", "DP-K7M2QX-1", 125000, at ?? Created);

    [Fact]
    public async Task TryBeginExecute_FiveCallersAtOnce_ExactlyOneMaySend()
    {
        var registry = NewRegistry();
        await registry.AddAsync(Payment("TR1"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => registry.TryBeginExecuteAsync("TR1")));

        Assert.Single(answers, a => a);
        Assert.True((await registry.FindAsync("TR1"))!.ExecuteSent);
    }

    [Fact]
    public async Task ExecuteRefused_AllowsOneMoreExecute_UnknownPaymentsNone()
    {
        var registry = NewRegistry();
        await registry.AddAsync(Payment("TR1"));
        Assert.True(await registry.TryBeginExecuteAsync("TR1"));

        await registry.ExecuteRefusedAsync("TR1");

        Assert.True(await registry.TryBeginExecuteAsync("TR1"));
        Assert.False(await registry.TryBeginExecuteAsync("TR1"));
        Assert.False(await registry.TryBeginExecuteAsync("TR-unknown"));
    }

    [Fact]
    public async Task ClaimDue_GivesEachDuePaymentToOneClaimantUntilTheLeaseEnds()
    {
        var registry = NewRegistry();
        await registry.AddAsync(Payment("TR-old", Created));
        await registry.AddAsync(Payment("TR-new", Created.AddMinutes(5)));
        var now = Created.AddMinutes(3);

        var first = await registry.ClaimDueAsync(Created.AddMinutes(1), now, TimeSpan.FromMinutes(2), 10);
        var second = await registry.ClaimDueAsync(Created.AddMinutes(1), now, TimeSpan.FromMinutes(2), 10);
        var afterLease = await registry.ClaimDueAsync(Created.AddMinutes(1), now.AddMinutes(2), TimeSpan.FromMinutes(2), 10);

        Assert.Equal(["TR-old"], first.Select(p => p.Reference));
        Assert.Empty(second);
        Assert.Equal(["TR-old"], afterLease.Select(p => p.Reference));
    }

    [Fact]
    public async Task Add_IsIdempotent_AndRemoveForgets()
    {
        var registry = NewRegistry();
        await registry.AddAsync(Payment("TR1"));
        Assert.True(await registry.TryBeginExecuteAsync("TR1"));

        await registry.AddAsync(Payment("TR1"));
        Assert.True((await registry.FindAsync("TR1"))!.ExecuteSent);

        await registry.RemoveAsync("TR1");
        Assert.Null(await registry.FindAsync("TR1"));
    }
}
