using Microsoft.Extensions.Logging;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// Ops actions stored with the trip (<see cref="TripState.PendingAudit"/>) are appended to the events log after the
/// write that stored them, then forgotten with the next write: at least once, since a crash in between repeats one.
/// </summary>
public sealed partial class TripAuditOutbox(string tripId, ITripAuditSink sink, ILogger logger)
{
    private bool _auditing;

    /// <summary>Appends the stored, not yet audited ops actions; a failure is logged and retried on the next activation.</summary>
    public async Task PublishAsync(TripCommitLog log)
    {
        var pending = log.Stored.PendingAudit.ToList();
        if (pending.Count == 0 || _auditing)
        {
            return;
        }
        _auditing = true;
        try
        {
            await sink.AppendAsync(tripId, pending);
            // Stored with the next write.
            log.Live.PendingAudit.RemoveAll(pending.Contains);
        }
        catch (Exception ex)
        {
            LogAuditFailed(logger, ex, tripId);
        }
        finally
        {
            _auditing = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trip {TripId}: auditing ops actions failed; they are retried on the next activation")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string tripId);
}
