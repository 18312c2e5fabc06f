using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// Who may be sold a ladies seat: a female passenger always; anyone once the seats have opened to all
/// (<see cref="LadiesSeatOptions.OpenToAllBefore"/> before the trip's departure from its first stop). Checked wherever the
/// passengers' genders are known: when an online booking is created from a hold and when a counter sells. Holds are not
/// gated, because a hold does not know who will sit on its seats yet; the booking that follows is refused instead.
/// </summary>
public sealed class LadiesSeatRule(LadiesSeatOptions options)
{
    /// <summary>The moment the trip's ladies seats open to all passengers.</summary>
    public DateTimeOffset OpensToAllAt(TripDefinition trip) => trip.Departure - options.OpenToAllBefore;

    /// <summary>
    /// The seats of <paramref name="passengers"/> that are ladies seats given to a passenger who is not female while
    /// they are still reserved for women, in passenger order; empty when the sale may go ahead.
    /// </summary>
    public IReadOnlyList<string> RefusedSeats(TripDefinition trip, IEnumerable<Passenger> passengers, DateTimeOffset now)
    {
        if (now >= OpensToAllAt(trip))
        {
            return [];
        }
        var ladies = trip.Layout.Seats.Where(s => s.Ladies).Select(s => s.Label).ToHashSet(StringComparer.Ordinal);
        return passengers.Where(p => p.Gender != Gender.Female && ladies.Contains(p.Seat)).Select(p => p.Seat).ToList();
    }

    /// <summary>The refusal for a booking or counter sale, or null when every passenger may have their seat.</summary>
    public BookingFailure? Check(TripDefinition trip, IEnumerable<Passenger> passengers, DateTimeOffset now)
    {
        var refused = RefusedSeats(trip, passengers, now);
        if (refused.Count == 0)
        {
            return null;
        }
        var seats = string.Join(", ", refused);
        var opens = OpensToAllAt(trip).ToOffset(TimeSpan.FromHours(6));
        return new BookingFailure(BookingErrorCode.LadiesSeat,
            $"{(refused.Count == 1 ? "Seat" : "Seats")} {seats} {(refused.Count == 1 ? "is a ladies seat" : "are ladies seats")}: "
            + $"until {opens:yyyy-MM-dd HH:mm} (Bangladesh time) only a female passenger can have it. Choose another seat or change the passenger.",
            refused);
    }
}
