using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// What a <see cref="Booking"/> decided: the booking after the step and the transitions it produced (none: nothing to
/// store), or a refusal with its stable error code.
/// </summary>
public sealed record BookingOutcome(BookingView? Booking, IReadOnlyList<BookingEventRecord> Events, BookingFailure? Failure)
{
    /// <summary>Whether there is something to store.</summary>
    public bool Changed => Events.Count > 0;

    public static BookingOutcome Unchanged(BookingView booking) => new(booking, [], null);

    public static BookingOutcome Refused(BookingErrorCode code, string detail) => new(null, [], new BookingFailure(code, detail));
}
