namespace DiuParibahan.Grains.Trips;

/// <summary>
/// Where a trip reports what happened to its seats for analytics (holds, releases, expiries, sales). The host
/// provides it; the grain calls it after the change is durable (or, for a refusal, at once).
/// </summary>
/// <remarks>
/// Best effort and non-blocking: <see cref="Record"/> must return at once and never throw, because it runs inside a
/// trip turn on the seat hot path. An implementation that cannot keep up drops activity rather than slow a sale.
/// </remarks>
public interface ITripEventSink
{
    /// <summary>Queues <paramref name="activity"/> for the events log.</summary>
    void Record(TripActivity activity);
}
