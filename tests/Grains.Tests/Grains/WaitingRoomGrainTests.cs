using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Queue;
using DiuParibahan.Grains.Tests.Fixtures;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// The registry and the per-window queue grains on a silo whose clock the test moves: announcing, overlaps, closing,
/// idempotent joins, the lottery at the opening and admissions at the window's rate.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class WaitingRoomGrainTests(FakeClockClusterFixture fixture)
{
    private static int _routeCursor;

    private static DateTimeOffset Now => FakeClockClusterFixture.Clock.GetUtcNow();

    private ISaleWindowsGrain Registry => fixture.Grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key);

    private async Task<string> RouteAsync()
    {
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>("network");
        var today = ServiceDay.Of(Now);
        await catalog.SeedIfEmptyAsync(DemoNetwork.Create(today.AddDays(-1), today.AddDays(30)));
        var routes = (await catalog.GetNetworkAsync()).Routes;
        // Each test takes its own route, so windows of different tests never overlap.
        return routes[Interlocked.Increment(ref _routeCursor) % routes.Count].Id;
    }

    // Each test takes its own day far ahead, so windows of different tests never overlap even on a shared route.
    private static int _dayCursor = 100;

    private async Task<SaleWindowInput> InputAsync(int perMinute = 60, TimeSpan? opensIn = null)
    {
        var day = ServiceDay.Of(Now).AddDays(Interlocked.Increment(ref _dayCursor));
        return new SaleWindowInput([await RouteAsync()], [day], Now + (opensIn ?? TimeSpan.FromMinutes(10)), perMinute, TimeSpan.FromMinutes(5));
    }

    private static string Phone(int i) => $"+88019{i:D8}";

    [Fact]
    public async Task Create_AnnouncesTheWindow_AndARetryWithTheSameRequestIdAnswersTheSameWindow()
    {
        var input = await InputAsync();
        var requestId = Guid.NewGuid().ToString("N");

        var first = await Registry.CreateAsync(input, requestId);
        var again = await Registry.CreateAsync(input, requestId);

        Assert.Null(first.Failure);
        Assert.Equal(first.Window!.Id, again.Window!.Id);
        Assert.Contains(await Registry.ListAsync(), w => w.Id == first.Window.Id && w.Status == SaleWindowStatus.Announced);
        Assert.Equal(QueuePhase.Announced, (await fixture.Grains.GetGrain<IWaitingRoomGrain>(first.Window.Id).GetStatusAsync()).Phase);
    }

    [Fact]
    public async Task Create_OverlappingAnAnnouncedWindow_IsRefused_AndNothingIsAdded()
    {
        var input = await InputAsync();
        Assert.Null((await Registry.CreateAsync(input, Guid.NewGuid().ToString("N"))).Failure);
        var count = (await Registry.ListAsync()).Count;

        var overlap = await Registry.CreateAsync(input with { OpensAt = input.OpensAt.AddMinutes(1) }, Guid.NewGuid().ToString("N"));

        Assert.Equal(SaleWindowErrorCode.SaleWindowOverlap, overlap.Failure!.Code);
        Assert.Equal(count, (await Registry.ListAsync()).Count);
    }

    [Fact]
    public async Task Change_AfterOpening_IsRefused_ButCloseWorks_AndClosesTheQueue()
    {
        var input = await InputAsync(opensIn: TimeSpan.FromSeconds(30));
        var window = (await Registry.CreateAsync(input, Guid.NewGuid().ToString("N"))).Window!;
        var queue = fixture.Grains.GetGrain<IWaitingRoomGrain>(window.Id);
        Assert.NotNull((await queue.JoinAsync(Phone(1))).Answer);
        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));

        var change = await Registry.ChangeAsync(window.Id, input with { AdmissionPerMinute = 5 });
        var closed = await Registry.CloseAsync(window.Id);

        Assert.Equal(SaleWindowErrorCode.SaleWindowOpened, change.Failure!.Code);
        Assert.Equal(SaleWindowStatus.Closed, closed.Window!.Status);
        Assert.Equal(QueueState.Closed, (await queue.GetAsync(Phone(1))).Answer!.State);
        Assert.Equal(SaleWindowErrorCode.SaleWindowClosed, (await queue.JoinAsync(Phone(2))).Failure!.Code);
    }

    [Fact]
    public async Task Join_Twice_AnswersTheSamePlace()
    {
        var window = (await Registry.CreateAsync(await InputAsync(opensIn: TimeSpan.FromSeconds(5)), Guid.NewGuid().ToString("N"))).Window!;
        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromSeconds(10));
        var queue = fixture.Grains.GetGrain<IWaitingRoomGrain>(window.Id);
        await queue.JoinAsync(Phone(7));

        var first = (await queue.JoinAsync(Phone(8))).Answer!;
        var again = (await queue.JoinAsync(Phone(8))).Answer!;

        Assert.Equal(first.Place, again.Place);
        Assert.Equal(2, (await queue.GetStatusAsync()).InLine + (await queue.GetStatusAsync()).Admitted);
    }

    [Fact]
    public async Task Opening_DrawsTheLottery_ThenAdmitsAtTheWindowsRate()
    {
        var window = (await Registry.CreateAsync(await InputAsync(perMinute: 2, opensIn: TimeSpan.FromMinutes(1)), Guid.NewGuid().ToString("N"))).Window!;
        var queue = fixture.Grains.GetGrain<IWaitingRoomGrain>(window.Id);
        var phones = Enumerable.Range(0, 12).Select(i => Phone(100 + i)).ToList();
        foreach (var phone in phones)
        {
            Assert.Null((await queue.JoinAsync(phone)).Answer!.Place);
        }

        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var answers = new List<QueueAnswer>();
        foreach (var phone in phones)
        {
            answers.Add((await queue.GetAsync(phone)).Answer!);
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), answers.Select(a => a.Place!.Value).Order());
        Assert.Single(answers, a => a.State == QueueState.Admitted);
        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(QueueState.Admitted, (await queue.GetAsync(phones[answers.FindIndex(a => a.Place == 2)])).Answer!.State);
        Assert.Equal(2, (await queue.GetStatusAsync()).Admitted);
    }

    [Fact]
    public async Task SeatsLeftZero_MakesTheQueueSoldOut_AndNewJoinsAreRefused()
    {
        var window = (await Registry.CreateAsync(await InputAsync(opensIn: TimeSpan.FromSeconds(1)), Guid.NewGuid().ToString("N"))).Window!;
        var queue = fixture.Grains.GetGrain<IWaitingRoomGrain>(window.Id);
        await queue.JoinAsync(Phone(500));
        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromSeconds(2));

        var status = await queue.ReportSeatsLeftAsync([new TripSeatsLeft("trip-1", 3, 0)]);

        Assert.Equal(QueuePhase.SoldOut, status.Phase);
        Assert.Equal(SaleWindowErrorCode.SaleWindowSoldOut, (await queue.JoinAsync(Phone(501))).Failure!.Code);
    }

    [Fact]
    public async Task StaleSeatCount_ReportedAfterAnotherFrontendsZero_KeepsTheQueueSoldOut()
    {
        var window = (await Registry.CreateAsync(await InputAsync(opensIn: TimeSpan.FromSeconds(1)), Guid.NewGuid().ToString("N"))).Window!;
        var queue = fixture.Grains.GetGrain<IWaitingRoomGrain>(window.Id);
        await queue.JoinAsync(Phone(510));
        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromSeconds(2));
        await queue.ReportSeatsLeftAsync([new TripSeatsLeft("trip-1", 7, 2)]);

        // Frontend A counted after the last seat went (version 8); frontend B counted just before (version 7), reports later.
        var soldOut = await queue.ReportSeatsLeftAsync([new TripSeatsLeft("trip-1", 8, 0)]);
        var afterStale = await queue.ReportSeatsLeftAsync([new TripSeatsLeft("trip-1", 7, 2)]);

        Assert.Equal(QueuePhase.SoldOut, soldOut.Phase);
        Assert.Equal(QueuePhase.SoldOut, afterStale.Phase);
        Assert.Equal(soldOut.Version, afterStale.Version);
        Assert.Equal(0, afterStale.SeatsLeft);
        Assert.Equal(SaleWindowErrorCode.SaleWindowSoldOut, (await queue.JoinAsync(Phone(511))).Failure!.Code);
    }
}
