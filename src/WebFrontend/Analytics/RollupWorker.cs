using DiuParibahan.Hosting.Analytics;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Analytics;

/// <summary>
/// Folds new events into the report tables every <see cref="AnalyticsOptions.RollupInterval"/>. Every frontend runs
/// one; the rollup's watermark lock makes concurrent folds safe, so no leader election is needed.
/// </summary>
public sealed partial class RollupWorker(RollupStore rollup, IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<RollupWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RollupInterval, time);
        try
        {
            do
            {
                try
                {
                    await rollup.CatchUpAsync(options.Value.RollupBatchSize, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The next tick retries from the same watermark; nothing was half-applied.
                    LogFoldFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics rollup failed; retrying at the next tick")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception);
}
