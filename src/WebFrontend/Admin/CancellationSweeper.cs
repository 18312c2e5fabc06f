using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>
/// Finishes trip cancellations nobody finished: every <see cref="TripOpsOptions.SweepInterval"/> it re-issues the
/// cancellation of each listed trip that still owes refunds, with its original actor and reason, through the same
/// <see cref="TripOpsService.CancelAsync"/> ops use. Every step is idempotent (the trip keeps its first cancellation,
/// bookings ignore a second notice, the provider dedupes refunds by key), so sweeps on several frontends at once, or a
/// sweep racing an ops user, refund each booking once.
/// </summary>
public sealed partial class CancellationSweeper(
    IGrainFactory grains,
    TripOpsService ops,
    IOptions<TripOpsOptions> options,
    TimeProvider time,
    ILogger<CancellationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over the listed trips.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var registry = grains.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key);
        IReadOnlyList<string> tripIds;
        try
        {
            tripIds = await registry.ListAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, ex);
            return;
        }
        foreach (var tripId in tripIds)
        {
            try
            {
                if (await SettleAsync(tripId, ct))
                {
                    await registry.RemoveAsync(tripId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The trip stays listed; the next sweep tries again.
                LogTripFailed(logger, ex, tripId);
            }
        }
    }

    /// <summary>True when nothing more is owed for the trip (or it was never cancelled and no longer can be).</summary>
    private async Task<bool> SettleAsync(string tripId, CancellationToken ct)
    {
        var trip = grains.GetGrain<ITripGrain>(tripId);
        if (await trip.GetCancellationAsync() is not { } cancellation)
        {
            // Listed, but the cancellation was refused or never stored: keep watching until the trip could no longer
            // be cancelled, since a cancel in flight lists the trip before storing it.
            var definition = await trip.GetDefinitionAsync();
            return definition is null || definition.Departure <= time.GetUtcNow();
        }
        if (cancellation.Outstanding.Count == 0)
        {
            return true;
        }
        var result = await ops.CancelAsync(tripId, new CancelTrip(cancellation.Actor, cancellation.Reason), ct);
        var outstanding = result.Cancellation?.Outstanding.Count ?? cancellation.Outstanding.Count;
        if (outstanding > 0)
        {
            LogStillOutstanding(logger, tripId, outstanding);
        }
        return outstanding == 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancellation sweep could not list the trips; retried at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancellation sweep of trip {TripId} failed; retried at the next sweep")]
    private static partial void LogTripFailed(ILogger logger, Exception exception, string tripId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled trip {TripId} still owes {Outstanding} refund(s); retried at the next sweep")]
    private static partial void LogStillOutstanding(ILogger logger, string tripId, int outstanding);
}
