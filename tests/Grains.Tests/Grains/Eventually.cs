namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>Waiting for what happens on a silo's own timers and one-way calls, which offer no completion to await.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/>; fails the test after 20 s with the last value.</summary>
    public static async Task<T> ReachedAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                Assert.True(done(value), $"Not reached within 20 s: {value}");
                return value;
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
