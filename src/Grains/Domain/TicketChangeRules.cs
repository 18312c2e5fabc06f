using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Domain;

/// <summary>When a booking may be changed and what a move to another departure costs. Plain C#: time is passed in.</summary>
public static class TicketChangeRules
{
    /// <summary>
    /// Why <paramref name="booking"/> cannot be changed at <paramref name="now"/>, or null: it must be confirmed, not
    /// departed, and <paramref name="now"/> must be before departure − <paramref name="cutoff"/> (the cut-off instant
    /// itself is too late).
    /// </summary>
    public static BookingFailure? Refusal(BookingView? booking, TimeSpan cutoff, string what, DateTimeOffset now)
    {
        if (booking is null)
        {
            return new(BookingErrorCode.BookingNotFound, "There is no such booking.");
        }
        if (booking.Status != BookingStatus.Confirmed || booking.SaleId is null)
        {
            return new(BookingErrorCode.NotChangeable, booking.Status is BookingStatus.Cancelled or BookingStatus.Refunded
                ? "The booking is cancelled; it cannot be changed."
                : "Only a confirmed booking can be changed.");
        }
        if (now >= booking.Journey.Departure)
        {
            return new(BookingErrorCode.NotChangeable, "The coach has already departed.");
        }
        var closesAt = booking.Journey.Departure - cutoff;
        if (now >= closesAt)
        {
            return new(BookingErrorCode.ChangeCutoffPassed,
                $"{what} close {cutoff.TotalHours:0.#} hour(s) before departure, at {closesAt.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm} Dhaka time.");
        }
        return null;
    }

    /// <summary>
    /// The money of moving <paramref name="booking"/>'s passengers to the leg <paramref name="from"/>→<paramref name="to"/>
    /// (stop indexes) of <paramref name="target"/>: new fare for every passenger plus <paramref name="fee"/>, less what the
    /// booking costs now. Whole taka; a negative amount due is refunded.
    /// </summary>
    public static TripChangeQuote Quote(BookingView booking, TripDefinition target, int from, int to, int fee)
    {
        var fare = target.FareFor(from, to);
        var newTotal = fare * booking.Passengers.Count;
        return new TripChangeQuote(target.TripId, target.Stops[from].Departure, fare, newTotal, booking.Total, fee,
            newTotal + fee - booking.Total);
    }

    /// <summary>
    /// The refund for dropping one traveller of <paramref name="booking"/> at <paramref name="now"/>: the refund policy
    /// applied to that traveller's share (one seat's fare), not to the whole booking.
    /// </summary>
    public static RefundQuote PassengerRefund(RefundPolicy policy, BookingView booking, DateTimeOffset now, bool tripCancelled) =>
        policy.Quote(booking.FarePerSeat, booking.Journey.Departure, now, tripCancelled);
}
