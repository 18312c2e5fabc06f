using DiuParibahan.Grains.Limits;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Limits;

/// <summary>
/// Reports this frontend's <see cref="SharedCounts"/> to the limit window grains every
/// <see cref="SharedLimitOptions.FlushInterval"/> and applies the cluster totals they answer: one call per window shard
/// with something to report, in parallel, whatever the request rate, so a hot key costs a grain one call per frontend
/// per interval.
/// </summary>
public sealed partial class SharedCountFlusher(
    SharedCounts counts, IGrainFactory grains, IOptions<SharedLimitOptions> options, TimeProvider clock, ILogger<SharedCountFlusher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reports everything counted since the last report and reads the totals back; a failed shard's counts wait for the next round.</summary>
    public Task FlushAsync() => Task.WhenAll(counts.TakeBatches().Select(FlushAsync));

    private async Task FlushAsync(SharedCountBatch batch)
    {
        try
        {
            var totals = await grains.GetGrain<ILimitWindowGrain>(batch.Grain)
                .AddAsync(new LimitCounts([.. batch.Keys.Select(k => k.Key)], batch.Counts, batch.WindowEnd));
            counts.Apply(batch, totals);
        }
        catch (Exception e)
        {
            // Counts are kept, not lost: over-counting after a report that did arrive errs on the safe side.
            counts.Restore(batch);
            LogFlushFailed(e, batch.Grain);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Limit counts for {Grain} could not be reported; they go with the next round")]
    private partial void LogFlushFailed(Exception e, string grain);
}
