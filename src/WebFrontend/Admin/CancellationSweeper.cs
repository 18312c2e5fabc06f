using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Hosting;
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
    ILogger<CancellationSweeper> logger) : ListSweeper(options.Value.SweepInterval, time, logger)
{
    private IUnsettledCancellationsGrain Registry => grains.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key);

    protected override string Subject => "trip cancellations";

    protected override Task<IReadOnlyList<string>> ListAsync() => Registry.ListAsync();

    protected override Task RemoveAsync(string id) => Registry.RemoveAsync(id);

    /// <summary>True when nothing more is owed for the trip (or it was never cancelled and no longer can be).</summary>
    protected override async Task<bool> SettleAsync(string tripId, CancellationToken ct)
    {
        var trip = grains.GetGrain<ITripGrain>(tripId);
        if (await trip.GetCancellationAsync() is not { } cancellation)
        {
            // Listed, but the cancellation was refused or never stored: keep watching until the trip could no longer
            // be cancelled, since a cancel in flight lists the trip before storing it.
            var definition = await trip.GetDefinitionAsync();
            return definition is null || definition.Departure <= Time.GetUtcNow();
        }
        if (cancellation.Outstanding.Count == 0)
        {
            return true;
        }
        var result = await ops.CancelAsync(tripId, new CancelTrip(cancellation.Actor, cancellation.Reason), ct);
        var outstanding = result.Cancellation?.Outstanding.Count ?? cancellation.Outstanding.Count;
        if (outstanding > 0)
        {
            LogStillOutstanding(Logger, tripId, outstanding);
        }
        return outstanding == 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled trip {TripId} still owes {Outstanding} refund(s); retried at the next sweep")]
    private static partial void LogStillOutstanding(ILogger logger, string tripId, int outstanding);
}
