using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// Checks the shape of a seat request against one trip before anything is looked up: known stops in route order,
/// known seats each once and not too many, an owner, an open sale. Answers with the leg as stop indexes.
/// </summary>
public sealed class SeatRequestRules(TripState state, TripDefinition trip, InventoryLimits limits)
{
    private readonly HashSet<string> _layoutSeats = trip.Layout.Seats.Select(s => s.Label).ToHashSet(StringComparer.Ordinal);

    /// <summary>A hold or sale request: owner, request id, seats, leg and that sales are still open for the channel.</summary>
    public TripFailure? Validate(string ownerId, string requestId, IReadOnlyList<string> seats, string fromStop, string toStop,
        SalesChannel channel, DateTimeOffset now, out int from, out int to)
    {
        from = to = -1;
        if (string.IsNullOrWhiteSpace(ownerId))
        {
            return TripFailure.Of(TripErrorCode.InvalidRequest, "An owner is required.");
        }
        if (requestId is { Length: > 100 })
        {
            return TripFailure.Of(TripErrorCode.InvalidRequest, "The request id is longer than 100 characters.");
        }
        if (ValidateSeatsAndLeg(seats, fromStop, toStop, limits.MaxSeatsPerHold(channel), out from, out to) is { } invalid)
        {
            return invalid;
        }
        if (state.Cancelled)
        {
            return TripFailure.Of(TripErrorCode.TripCancelled, "This trip has been cancelled.");
        }
        // Sales close before the departure from the boarding stop; a counter can sell until the coach leaves it.
        var boarding = trip.Stops[from].Departure;
        var closesAt = channel == SalesChannel.Counter ? boarding : boarding - trip.SalesCloseBefore;
        if (now >= closesAt)
        {
            return TripFailure.Of(TripErrorCode.SalesClosed, $"Sales for this departure closed at {closesAt:yyyy-MM-dd HH:mm zzz}.");
        }
        return null;
    }

    /// <summary>Seats and leg only (blocks, seat changes): at most <paramref name="maxSeats"/> known seats, each once.</summary>
    public TripFailure? ValidateSeatsAndLeg(IReadOnlyList<string> seats, string fromStop, string toStop, int maxSeats,
        out int from, out int to)
    {
        if (ResolveLeg(fromStop, toStop, out from, out to) is { } invalidLeg)
        {
            return invalidLeg;
        }
        if (seats is null || seats.Count == 0)
        {
            return TripFailure.Of(TripErrorCode.NoSeats, "Choose at least one seat.");
        }
        if (seats.Count > maxSeats)
        {
            return TripFailure.Of(TripErrorCode.TooManySeats, $"At most {maxSeats} seats can be taken at once.");
        }
        var unknown = seats.Where(s => s is null || !_layoutSeats.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            return new TripFailure(TripErrorCode.UnknownSeat, $"This coach has no seat {string.Join(", ", unknown)}.", unknown!);
        }
        var duplicates = seats.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            return new TripFailure(TripErrorCode.DuplicateSeat, $"Seat {string.Join(", ", duplicates)} is listed more than once.", duplicates);
        }
        return null;
    }

    /// <summary>The leg between two stops of the trip, boarding before alighting.</summary>
    public TripFailure? ResolveLeg(string fromStop, string toStop, out int from, out int to)
    {
        from = fromStop is null ? -1 : trip.IndexOf(fromStop);
        to = toStop is null ? -1 : trip.IndexOf(toStop);
        if (from < 0 || to < 0)
        {
            return TripFailure.Of(TripErrorCode.UnknownStop, $"This trip does not stop at {(from < 0 ? fromStop : toStop)}.");
        }
        if (from >= to)
        {
            return TripFailure.Of(TripErrorCode.InvalidLeg, "The destination must come after the boarding stop on this route.");
        }
        return null;
    }
}
