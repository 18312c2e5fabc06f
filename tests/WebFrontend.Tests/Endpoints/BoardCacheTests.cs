using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>The frontend's short-lived copy of the departure boards that searches and the date strip read.</summary>
[Collection(WebAppCollection.Name)]
public sealed class BoardCacheTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Day(int daysAhead) => ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(daysAhead);

    private BoardCache NewCache(FakeTimeProvider time) => new(app.Services.GetRequiredService<IGrainFactory>(), time);

    [Fact]
    public async Task GetAsync_WithinMaxAge_SharesOneBoardRead()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = NewCache(time);

        var first = cache.GetAsync(Day(2));
        time.Advance(BoardCache.MaxAge - TimeSpan.FromMilliseconds(1));
        var second = cache.GetAsync(Day(2));

        Assert.Same(first, second);
        Assert.NotEmpty(await second);
    }

    [Fact]
    public async Task GetAsync_AfterMaxAge_ReadsTheBoardAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = NewCache(time);
        var first = cache.GetAsync(Day(2));
        await first;

        time.Advance(BoardCache.MaxAge);
        var second = cache.GetAsync(Day(2));

        Assert.NotSame(first, second);
        Assert.Equal((await first).Select(d => d.TripId), (await second).Select(d => d.TripId));
    }

    [Fact]
    public async Task GetAsync_KeepsEachDayApart()
    {
        var cache = NewCache(new FakeTimeProvider(DateTimeOffset.UtcNow));

        var today = await cache.GetAsync(Day(2));
        var tomorrow = await cache.GetAsync(Day(3));

        Assert.Equal(2, cache.Count);
        Assert.Empty(today.Select(d => d.TripId).Intersect(tomorrow.Select(d => d.TripId)));
    }

    [Fact]
    public async Task Invalidate_MakesTheNextReadAskTheBoard()
    {
        var cache = NewCache(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var first = cache.GetAsync(Day(2));
        await first;

        cache.Invalidate();

        Assert.Equal(0, cache.Count);
        Assert.NotSame(first, cache.GetAsync(Day(2)));
    }

    [Fact]
    public async Task EvictingTheListings_AlsoForgetsTheAppsBoardReads()
    {
        var boards = app.Services.GetRequiredService<BoardCache>();
        await boards.GetAsync(Day(2));
        Assert.True(boards.Count > 0);

        await app.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(ListingCache.Tag, Ct);

        Assert.Equal(0, boards.Count);
    }

    [Fact]
    public async Task EvictingAnotherTag_KeepsTheBoardReads()
    {
        var boards = app.Services.GetRequiredService<BoardCache>();
        await boards.GetAsync(Day(2));

        await app.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync("some-other-tag", Ct);

        Assert.True(boards.Count > 0);
    }
}

/// <summary>The output-cache store decorator, for a store registered by type as the Redis one is.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ListingEvictionsTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class RecordingStore : IOutputCacheStore
    {
        public List<string> Evicted { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            Evicted.Add(tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Decorate_AStoreRegisteredByType_ForwardsEvictionsAndForgetsTheBoardsOnTheListingsTag()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IOutputCacheStore, RecordingStore>();
        var boards = new BoardCache(app.Services.GetRequiredService<IGrainFactory>(), TimeProvider.System);
        services.AddSingleton(boards);
        ListingEvictions.Decorate(services);
        await using var provider = services.BuildServiceProvider();
        await boards.GetAsync(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(2));

        var store = provider.GetRequiredService<IOutputCacheStore>();
        await store.EvictByTagAsync(ListingCache.Tag, Ct);

        Assert.IsType<ListingEvictions>(store);
        Assert.Equal([ListingCache.Tag], provider.GetRequiredService<RecordingStore>().Evicted);
        Assert.Equal(0, boards.Count);
    }
}
