using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Queue;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.Hosting.Tests.Queue;

/// <summary>
/// Places in a sale window's queue are stored before they are answered, so a silo restart keeps every one: lottery
/// tickets before the opening, numbered places after it, and the admissions already given.
/// </summary>
public abstract class WaitingRoomRestartTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static void ConfigureSilo(TestDatabase database, ISiloBuilder silo, TimeProvider? clock = null)
    {
        database.ConfigureSilo(silo);
        if (clock is not null)
        {
            silo.Services.AddSingleton<TimeProvider>(clock);
        }
        silo.AddTicketingGrains(new ConfigurationBuilder().Build());
    }

    [Fact]
    public async Task PlacesAndTheWindow_SurviveASiloRestart()
    {
        await using var database = await CreateDatabaseAsync();
        var today = ServiceDay.Of(DateTimeOffset.UtcNow);
        var phones = Enumerable.Range(0, 40).Select(i => $"+88018{i:D8}").ToList();
        string windowId;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            var catalog = silo.Grains.GetGrain<ICatalogGrain>("network");
            await catalog.SeedIfEmptyAsync(DemoNetwork.Create(today, today.AddDays(10)));
            var route = (await catalog.GetNetworkAsync()).Routes[0].Id;
            var window = await silo.Grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).CreateAsync(
                new SaleWindowInput([route], [today.AddDays(5)], DateTimeOffset.UtcNow.AddHours(1), 10, TimeSpan.FromMinutes(5)), "restart-1");
            windowId = window.Window!.Id;
            var queue = silo.Grains.GetGrain<IWaitingRoomGrain>(windowId);
            // Concurrent joins share group-committed writes; each is answered only once stored.
            var answers = await Task.WhenAll(phones.Select(p => queue.JoinAsync(p)));
            Assert.All(answers, a => Assert.NotNull(a.Answer));
        }

        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            Assert.Equal(windowId, (await silo.Grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).GetAsync(windowId))!.Id);
            var queue = silo.Grains.GetGrain<IWaitingRoomGrain>(windowId);
            var status = await queue.GetStatusAsync();
            Assert.Equal(QueuePhase.Announced, status.Phase);
            Assert.Equal(phones.Count, status.InLine);
            foreach (var phone in phones)
            {
                var answer = (await queue.GetAsync(phone)).Answer!;
                Assert.Equal(QueueState.Waiting, answer.State);
                // Before the opening every place is a ticket in the lottery, not yet a number.
                Assert.Null(answer.Place);
                Assert.Equal(phones.Count, answer.InLottery);
            }
            Assert.Equal(SaleWindowErrorCode.NotInQueue, (await queue.GetAsync("+8801899999999")).Failure!.Code);
        }
    }

    [Fact]
    public async Task PlacesNumberedAfterTheOpening_AndAdmissions_SurviveASiloRestart()
    {
        await using var database = await CreateDatabaseAsync();
        // Both silos read this clock, and it stands still across the restart: whatever differs after it was lost, not earned.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var today = ServiceDay.Of(clock.GetUtcNow());
        var early = Enumerable.Range(0, 3).Select(i => $"+88017{i:D8}").ToList();
        var late = Enumerable.Range(0, 4).Select(i => $"+88016{i:D8}").ToList();
        string windowId;
        Dictionary<string, QueueAnswer> before;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s, clock)))
        {
            var catalog = silo.Grains.GetGrain<ICatalogGrain>("network");
            await catalog.SeedIfEmptyAsync(DemoNetwork.Create(today, today.AddDays(10)));
            var route = (await catalog.GetNetworkAsync()).Routes[0].Id;
            // Six a minute: one admission per 10 s, the first at the opening.
            var window = await silo.Grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).CreateAsync(
                new SaleWindowInput([route], [today.AddDays(5)], clock.GetUtcNow().AddSeconds(30), 6, TimeSpan.FromMinutes(5)), "restart-2");
            windowId = window.Window!.Id;
            var queue = silo.Grains.GetGrain<IWaitingRoomGrain>(windowId);
            await Task.WhenAll(early.Select(p => queue.JoinAsync(p)));
            clock.Advance(TimeSpan.FromSeconds(31));

            // After the opening, places are numbered in the order the joins were stored, behind the lottery's.
            for (var i = 0; i < late.Count; i++)
            {
                Assert.Equal(early.Count + i + 1, (await queue.JoinAsync(late[i])).Answer!.Place);
            }
            // 41 s of credit since the opening: five admissions, the last two for the first late joiners.
            clock.Advance(TimeSpan.FromSeconds(40));
            before = [];
            foreach (var phone in early.Concat(late))
            {
                before[phone] = (await queue.GetAsync(phone)).Answer!;
            }
            Assert.Equal(5, (await queue.GetStatusAsync()).Admitted);
            Assert.Equal(new[] { QueueState.Admitted, QueueState.Admitted, QueueState.Waiting, QueueState.Waiting }, late.Select(p => before[p].State));
            Assert.Equal(new long?[] { null, null, 1, 2 }, late.Select(p => before[p].Position));
        }

        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s, clock)))
        {
            var queue = silo.Grains.GetGrain<IWaitingRoomGrain>(windowId);
            var status = await queue.GetStatusAsync();
            Assert.Equal(QueuePhase.Open, status.Phase);
            Assert.Equal(5, status.Admitted);
            Assert.Equal(2, status.InLine);
            foreach (var (phone, answer) in before)
            {
                var after = (await queue.GetAsync(phone)).Answer!;
                Assert.Equal((answer.State, answer.Place, answer.Position, answer.AdmittedUntil),
                    (after.State, after.Place, after.Position, after.AdmittedUntil));
            }
            // A phone joining after the restart queues behind every stored place.
            Assert.Equal(early.Count + late.Count + 1, (await queue.JoinAsync("+8801599999999")).Answer!.Place);
        }
    }

    [Fact]
    public async Task PlacesOverSeveralStoredSegments_SurviveRestarts_BeforeAndAfterTheOpening()
    {
        await using var database = await CreateDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var today = ServiceDay.Of(clock.GetUtcNow());
        // More than one segment before the opening, and a line that crosses segment ends after it.
        var early = Enumerable.Range(0, WaitingRoomStore.SegmentSize + 300).Select(i => $"+88013{i:D8}").ToList();
        var late = Enumerable.Range(0, WaitingRoomStore.SegmentSize + 50).Select(i => $"+88014{i:D8}").ToList();
        string windowId;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s, clock)))
        {
            var catalog = silo.Grains.GetGrain<ICatalogGrain>("network");
            await catalog.SeedIfEmptyAsync(DemoNetwork.Create(today, today.AddDays(10)));
            var route = (await catalog.GetNetworkAsync()).Routes[0].Id;
            var window = await silo.Grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).CreateAsync(
                new SaleWindowInput([route], [today.AddDays(5)], clock.GetUtcNow().AddSeconds(30), 6, TimeSpan.FromMinutes(5)), "restart-3");
            windowId = window.Window!.Id;
            var queue = silo.Grains.GetGrain<IWaitingRoomGrain>(windowId);
            Assert.All(await Task.WhenAll(early.Select(p => queue.JoinAsync(p))), a => Assert.NotNull(a.Answer));
        }

        Dictionary<string, long?> places;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s, clock)))
        {
            var queue = silo.Grains.GetGrain<IWaitingRoomGrain>(windowId);
            Assert.Equal(early.Count, (await queue.GetStatusAsync()).InLine);
            foreach (var phone in early)
            {
                Assert.Equal(early.Count, (await queue.GetAsync(phone)).Answer!.InLottery);
            }
            clock.Advance(TimeSpan.FromSeconds(31));
            Assert.All(await Task.WhenAll(late.Select(p => queue.JoinAsync(p))), a => Assert.NotNull(a.Answer!.Place));
            places = [];
            foreach (var phone in early.Concat(late))
            {
                places[phone] = (await queue.GetAsync(phone)).Answer!.Place;
            }
            // The lottery's permutation of the early phones first, then the late ones: every place once.
            Assert.Equal(Enumerable.Range(1, early.Count + late.Count).Select(i => (long?)i), places.Values.Order());
        }

        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s, clock)))
        {
            var queue = silo.Grains.GetGrain<IWaitingRoomGrain>(windowId);
            foreach (var (phone, place) in places)
            {
                Assert.Equal(place, (await queue.GetAsync(phone)).Answer!.Place);
            }
            Assert.Equal(early.Count + late.Count + 1, (await queue.JoinAsync("+8801599999998")).Answer!.Place);
        }
    }
}

public sealed class SqliteWaitingRoomRestartTests : WaitingRoomRestartTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
