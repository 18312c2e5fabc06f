namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Where booking transitions go besides the grain's state: the append-only events log of the database. The host
/// provides it (the grains project does not know the database).
/// </summary>
public interface IBookingEventSink
{
    /// <summary>Appends the transitions of booking <paramref name="pnr"/> on trip <paramref name="tripId"/>, all or none.</summary>
    Task AppendAsync(string pnr, string tripId, IReadOnlyList<BookingEventRecord> events);
}
