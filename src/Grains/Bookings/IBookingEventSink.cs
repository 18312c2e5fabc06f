namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Where booking transitions go besides the grain's state: the append-only events log of the database. The host
/// provides it (the grains project does not know the database).
/// </summary>
public interface IBookingEventSink
{
    /// <summary>
    /// Appends the transitions of <paramref name="booking"/> (as it is after them: route, channel, seats, fare,
    /// journey), all or none.
    /// </summary>
    Task AppendAsync(BookingView booking, IReadOnlyList<BookingEventRecord> events);
}
