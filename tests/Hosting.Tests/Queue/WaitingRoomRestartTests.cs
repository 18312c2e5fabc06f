using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Queue;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.Extensions.Configuration;

namespace DiuParibahan.Hosting.Tests.Queue;

/// <summary>Places in a sale window's queue are stored before they are answered, so a silo restart keeps every one.</summary>
public abstract class WaitingRoomRestartTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static void ConfigureSilo(TestDatabase database, ISiloBuilder silo)
    {
        database.ConfigureSilo(silo);
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
}

public sealed class SqliteWaitingRoomRestartTests : WaitingRoomRestartTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
