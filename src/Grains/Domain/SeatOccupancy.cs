using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// Who occupies which seat on which legs of one trip, read from its <see cref="TripState"/>: live holds, sales and
/// blocks. Holds expired by the time asked about no longer count, here as everywhere. Read-only: the
/// <see cref="SeatInventory"/> changes the state, this answers what the state means for a seat.
/// </summary>
public sealed class SeatOccupancy(TripState state, TripDefinition trip)
{
    /// <summary>Every occupation of every seat. Holds that have expired by <paramref name="now"/> no longer count.</summary>
    public IEnumerable<(string Seat, int From, int To, SeatState State, string? Owner)> Occupations(DateTimeOffset now)
    {
        foreach (var hold in state.Holds.Values)
        {
            if (hold.ExpiresAt > now)
            {
                foreach (var seat in hold.Seats)
                {
                    yield return (seat, hold.From, hold.To, SeatState.Held, hold.OwnerId);
                }
            }
        }
        foreach (var sale in state.Sales.Values)
        {
            foreach (var seat in sale.Seats)
            {
                yield return (seat, sale.From, sale.To, SeatState.Sold, sale.OwnerId);
            }
        }
        foreach (var block in state.Blocks)
        {
            yield return (block.Seat, block.From, block.To, SeatState.Blocked, null);
        }
    }

    /// <summary>
    /// The seats of <paramref name="seats"/> taken on some leg of [<paramref name="from"/>, <paramref name="to"/>), in
    /// request order. The seats of the sale <paramref name="except"/> on its own leg do not count (they are being given up).
    /// </summary>
    public List<string> Conflicts(IReadOnlyList<string> seats, int from, int to, DateTimeOffset now, Guid? except = null)
    {
        var wanted = seats.ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var own = except is { } id && state.Sales.TryGetValue(id, out var sale) ? sale : null;
        foreach (var (seat, lo, hi, occupied, _) in Occupations(now))
        {
            var isOwn = own is not null && occupied == SeatState.Sold && lo == own.From && hi == own.To && own.Seats.Contains(seat);
            if (!isOwn && lo < to && from < hi && wanted.Contains(seat))
            {
                taken.Add(seat);
            }
        }
        return seats.Where(taken.Contains).ToList();
    }

    /// <summary>
    /// The seat's state on every leg, merged into runs of equal state covering the whole route. Holds expired by
    /// <paramref name="now"/> are ignored, as they are everywhere else.
    /// </summary>
    public IEnumerable<SeatChange> Timeline(string seat, DateTimeOffset now)
    {
        var legs = new SeatState[trip.Stops.Count - 1];
        foreach (var (s, lo, hi, occupied, _) in Occupations(now))
        {
            if (s != seat)
            {
                continue;
            }
            for (var leg = lo; leg < hi; leg++)
            {
                if (occupied > legs[leg])
                {
                    legs[leg] = occupied;
                }
            }
        }
        // Sales never overlap on a seat, so each sold leg has exactly one passenger whose gender it shows.
        var genders = new Gender?[legs.Length];
        for (var leg = 0; leg < legs.Length; leg++)
        {
            genders[leg] = legs[leg] == SeatState.Sold ? SoldGender(seat, leg, leg + 1) : null;
        }
        var start = 0;
        for (var leg = 1; leg <= legs.Length; leg++)
        {
            if (leg == legs.Length || legs[leg] != legs[start] || genders[leg] != genders[start])
            {
                yield return new SeatChange(seat, trip.Stops[start].StopId, trip.Stops[leg].StopId, legs[start], genders[start]);
                start = leg;
            }
        }
    }

    /// <summary>
    /// The gender of the passengers sold <paramref name="seat"/> on legs overlapping [<paramref name="from"/>,
    /// <paramref name="to"/>): theirs if they all have the same one and it is known, otherwise null (no marker rather
    /// than a wrong one).
    /// </summary>
    public Gender? SoldGender(string seat, int from, int to)
    {
        Gender? found = null;
        foreach (var sale in state.Sales.Values)
        {
            if (sale.From < to && from < sale.To && sale.Seats.Contains(seat))
            {
                if (sale.GenderOf(seat) is not { } gender || (found is not null && found != gender))
                {
                    return null;
                }
                found = gender;
            }
        }
        return found;
    }

    /// <summary>Per layout seat, a bit mask of the legs where it is taken.</summary>
    public TripAvailability Availability(DateTimeOffset now)
    {
        var masks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (seat, lo, hi, _, _) in Occupations(now))
        {
            masks[seat] = masks.GetValueOrDefault(seat) | TripAvailability.LegMask(lo, hi);
        }
        return new TripAvailability(state.Version, trip.Layout.Seats.Select(s => masks.GetValueOrDefault(s.Label)).ToList(), state.Cancelled);
    }
}
