using DiuParibahan.Grains.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.Seeding;

/// <summary>Options for <see cref="NetworkSeeder"/> (section <c>Seeding</c>).</summary>
public sealed class SeedingOptions
{
    /// <summary>Seed the demo network when no network exists yet.</summary>
    public bool DemoNetwork { get; set; }

    /// <summary>How many service days ahead trips are created and kept created.</summary>
    public int DaysAhead { get; set; } = 14;
}

/// <summary>
/// Seeds the demo network if asked, then keeps trips created <see cref="SeedingOptions.DaysAhead"/> days ahead,
/// checking hourly so a long-running cluster rolls forward by itself.
/// </summary>
public sealed partial class NetworkSeeder(
    IGrainFactory grains,
    TimeProvider time,
    IOptions<SeedingOptions> options,
    ILogger<NetworkSeeder> logger) : BackgroundService
{
    private readonly TaskCompletionSource _firstRun = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first seeding pass has finished (tests and readiness wait on it).</summary>
    public Task FirstRun => _firstRun.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first pass runs before the host reports started, so the site never serves an empty network.
        await SeedOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SeedOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRollForwardFailed(logger, ex);
            }
        }
    }

    private async Task SeedOnceAsync(CancellationToken cancellationToken)
    {
        var catalog = grains.GetGrain<ICatalogGrain>("network");
        var today = ServiceDay.Of(time.GetUtcNow());
        if (options.Value.DemoNetwork && await catalog.SeedIfEmptyAsync(DemoNetwork.Create(today.AddDays(-1), today.AddYears(1))))
        {
            LogSeeded(logger);
        }
        cancellationToken.ThrowIfCancellationRequested();
        await catalog.EnsureTripsAsync(today, options.Value.DaysAhead);
        _firstRun.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo network")]
    private static partial void LogSeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating upcoming trips failed; will retry within the hour")]
    private static partial void LogRollForwardFailed(ILogger logger, Exception exception);
}
