namespace DiuParibahan.Grains.Trips;

/// <summary>Where ops actions on trips are audited: the append-only events log of the database (the host provides it).</summary>
public interface ITripAuditSink
{
    /// <summary>Appends the ops actions on trip <paramref name="tripId"/>, all or none.</summary>
    Task AppendAsync(string tripId, IReadOnlyList<TripAuditRecord> records);
}
