using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// The seat inventory of one trip, over the trip's persisted <see cref="TripState"/>. A seat is occupied (held, sold,
/// blocked) on leg intervals [from, to) of stop indexes; two occupations of a seat conflict only if their intervals
/// overlap, so a seat sold Dhaka→Jashore can be sold again Jashore→Kolkata. Every operation is all-or-nothing, answers
/// refusals without changing anything, and bumps the version by exactly one when it changes something. Plain C#:
/// time is passed in, nothing here does I/O.
/// </summary>
public sealed class SeatInventory
{
    private readonly TripState _state;
    private readonly TripDefinition _trip;
    private readonly InventoryLimits _limits;
    private readonly HashSet<string> _layoutSeats;

    public SeatInventory(TripState state, InventoryLimits limits)
    {
        _state = state;
        _trip = state.Definition ?? throw new ArgumentException("The trip has no definition.", nameof(state));
        _limits = limits;
        _layoutSeats = _trip.Layout.Seats.Select(s => s.Label).ToHashSet(StringComparer.Ordinal);
    }

    public TripDefinition Trip => _trip;

    public long Version => _state.Version;

    public InventoryOutcome<HoldInfo> Hold(HoldSeats command, DateTimeOffset now)
    {
        var requestKey = RequestKey(command.OwnerId, command.RequestId);
        if (requestKey is not null && _state.Requests.TryGetValue(requestKey, out var earlier) && earlier.Hold is { } first)
        {
            return new(first, null, null);
        }

        if (Validate(command.OwnerId, command.RequestId, command.Seats, command.From, command.To, command.Channel, now,
                out var from, out var to) is { } invalid)
        {
            return InventoryOutcome<HoldInfo>.Fail(invalid);
        }

        var live = _state.Holds.Values.Count(h => h.OwnerId == command.OwnerId && h.ExpiresAt > now);
        if (live >= _limits.MaxHoldsPerOwner(command.Channel))
        {
            return InventoryOutcome<HoldInfo>.Fail(TripErrorCode.HoldLimitReached,
                $"You already hold seats {live} time(s) on this trip; release or complete a hold first.");
        }

        var phone = PassengerQuotas.Apply(command) ? command.Phone : null;
        if (phone is not null && HoldQuotas.Check(_state, phone, command.Seats.Count, _limits.Quotas, now) is { } overQuota)
        {
            return InventoryOutcome<HoldInfo>.Fail(overQuota);
        }

        if (Conflicts(command.Seats, from, to, now) is { Count: > 0 } conflicts)
        {
            return InventoryOutcome<HoldInfo>.Fail(SeatsTaken(conflicts));
        }

        var hold = new HoldRecord(Guid.NewGuid(), command.OwnerId, command.Seats.ToArray(), from, to,
            now + _limits.HoldDuration(command.Channel), _trip.FareFor(from, to) * command.Seats.Count, command.Channel, false, phone);
        _state.Holds[hold.Id] = hold;
        var info = ToInfo(hold);
        if (requestKey is not null)
        {
            _state.Requests[requestKey] = new RequestRecord(now, info, null);
        }
        return new(info, null, Commit(hold.Seats, now));
    }

    public InventoryOutcome<bool> Release(Guid holdId, string ownerId, DateTimeOffset now)
    {
        if (!_state.Holds.TryGetValue(holdId, out var hold) || hold.ExpiresAt <= now)
        {
            return InventoryOutcome<bool>.Fail(TripErrorCode.HoldNotFound, "The hold does not exist or has expired.");
        }
        if (hold.OwnerId != ownerId)
        {
            return InventoryOutcome<bool>.Fail(TripErrorCode.NotHoldOwner, "The hold belongs to someone else.");
        }
        _state.Holds.Remove(holdId);
        return new(true, null, Commit(hold.Seats, now));
    }

    public InventoryOutcome<HoldInfo> Extend(Guid holdId, DateTimeOffset until, DateTimeOffset now)
    {
        if (!_state.Holds.TryGetValue(holdId, out var hold) || hold.ExpiresAt <= now)
        {
            return InventoryOutcome<HoldInfo>.Fail(TripErrorCode.HoldExpired, "The hold does not exist or has expired.");
        }
        if (hold.ExpiresAt >= until)
        {
            return new(ToInfo(hold), null, null);
        }
        if (hold.Extended)
        {
            return InventoryOutcome<HoldInfo>.Fail(TripErrorCode.AlreadyExtended, "The hold has already been extended once.");
        }
        var extended = hold with { ExpiresAt = until, Extended = true };
        _state.Holds[holdId] = extended;
        // The seat map does not change, but the version does: every persisted change is one version.
        return new(ToInfo(extended), null, Commit([], now));
    }

    public InventoryOutcome<SaleInfo> Confirm(Guid holdId, string bookingRef, DateTimeOffset now)
    {
        // Even a repeat is refused once the trip is cancelled: a booking that never recorded its confirmation must
        // not confirm now (its payment is refunded in full instead).
        if (_state.Cancelled)
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.TripCancelled, "This trip has been cancelled.");
        }
        if (_state.Sales.TryGetValue(holdId, out var done))
        {
            return new(ToInfo(done), null, null);
        }
        if (!_state.Holds.TryGetValue(holdId, out var hold) || hold.ExpiresAt <= now)
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.HoldExpired, "The hold does not exist or has expired.");
        }
        if (string.IsNullOrWhiteSpace(bookingRef))
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.InvalidRequest, "A booking reference is required.");
        }
        _state.Holds.Remove(holdId);
        var sale = new SaleRecord(hold.Id, hold.OwnerId, bookingRef, hold.Seats, hold.From, hold.To, hold.Amount, hold.Channel, hold.Phone);
        _state.Sales[sale.Id] = sale;
        return new(ToInfo(sale), null, Commit(sale.Seats, now));
    }

    public InventoryOutcome<SaleInfo> Sell(SellSeats command, DateTimeOffset now)
    {
        var requestKey = RequestKey(command.OwnerId, command.RequestId);
        if (requestKey is not null && _state.Requests.TryGetValue(requestKey, out var earlier) && earlier.Sale is { } first)
        {
            return new(first, null, null);
        }
        if (Validate(command.OwnerId, command.RequestId, command.Seats, command.From, command.To, command.Channel, now,
                out var from, out var to) is { } invalid)
        {
            return InventoryOutcome<SaleInfo>.Fail(invalid);
        }
        if (string.IsNullOrWhiteSpace(command.BookingRef))
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.InvalidRequest, "A booking reference is required.");
        }
        if (Conflicts(command.Seats, from, to, now) is { Count: > 0 } conflicts)
        {
            return InventoryOutcome<SaleInfo>.Fail(SeatsTaken(conflicts));
        }
        var sale = new SaleRecord(Guid.NewGuid(), command.OwnerId, command.BookingRef, command.Seats.ToArray(), from, to,
            _trip.FareFor(from, to) * command.Seats.Count, command.Channel);
        _state.Sales[sale.Id] = sale;
        var info = ToInfo(sale);
        if (requestKey is not null)
        {
            _state.Requests[requestKey] = new RequestRecord(now, null, info);
        }
        return new(info, null, Commit(sale.Seats, now));
    }

    public InventoryOutcome<bool> CancelSale(Guid saleId, DateTimeOffset now)
    {
        if (!_state.Sales.Remove(saleId, out var sale))
        {
            return new(true, null, null);
        }
        return new(true, null, Commit(sale.Seats, now));
    }

    public InventoryOutcome<bool> Block(BlockSeats command, DateTimeOffset now)
    {
        if (ValidateSeatsAndLeg(command.Seats, command.From, command.To, int.MaxValue, out var from, out var to) is { } invalid)
        {
            return InventoryOutcome<bool>.Fail(invalid);
        }
        if (Conflicts(command.Seats, from, to, now) is { Count: > 0 } conflicts)
        {
            return InventoryOutcome<bool>.Fail(SeatsTaken(conflicts));
        }
        foreach (var seat in command.Seats)
        {
            _state.Blocks.Add(new BlockRecord(seat, from, to, command.Reason ?? ""));
        }
        return new(true, null, Commit(command.Seats, now));
    }

    public InventoryOutcome<bool> Unblock(BlockSeats command, DateTimeOffset now)
    {
        if (ValidateSeatsAndLeg(command.Seats, command.From, command.To, int.MaxValue, out var from, out var to) is { } invalid)
        {
            return InventoryOutcome<bool>.Fail(invalid);
        }
        var seats = command.Seats.ToHashSet(StringComparer.Ordinal);
        var removed = _state.Blocks.RemoveAll(b => seats.Contains(b.Seat) && b.From == from && b.To == to);
        return removed == 0 ? new(true, null, null) : new(true, null, Commit(command.Seats, now));
    }

    /// <summary>Releases every hold that has expired by <paramref name="now"/> and forgets old request ids.</summary>
    public InventoryOutcome<IReadOnlyList<HoldRecord>> ExpireHolds(DateTimeOffset now)
    {
        var expired = _state.Holds.Values.Where(h => h.ExpiresAt <= now).ToList();
        var cutoff = now - _limits.RequestRetention;
        foreach (var key in _state.Requests.Where(r => r.Value.At < cutoff).Select(r => r.Key).ToList())
        {
            _state.Requests.Remove(key);
        }
        if (expired.Count == 0)
        {
            return new([], null, null);
        }
        foreach (var hold in expired)
        {
            _state.Holds.Remove(hold.Id);
        }
        return new(expired, null, Commit(expired.SelectMany(h => h.Seats), now));
    }

    /// <summary>The earliest expiry among live holds, if any.</summary>
    public DateTimeOffset? NextExpiry => _state.Holds.Count == 0 ? null : _state.Holds.Values.Min(h => h.ExpiresAt);

    public HoldInfo? FindHold(Guid holdId, DateTimeOffset now) =>
        _state.Holds.TryGetValue(holdId, out var hold) && hold.ExpiresAt > now ? ToInfo(hold) : null;

    public SeatMapResult SeatMap(string fromStop, string toStop, string? ownerId, DateTimeOffset now)
    {
        if (ResolveLeg(fromStop, toStop, out var from, out var to) is { } invalid)
        {
            return new(null, invalid);
        }
        var states = new Dictionary<string, (SeatState State, bool Mine)>(StringComparer.Ordinal);
        foreach (var (seat, lo, hi, state, owner) in Occupations(now))
        {
            if (lo < to && from < hi)
            {
                var mine = state == SeatState.Held && ownerId is not null && owner == ownerId;
                var current = states.GetValueOrDefault(seat);
                if (state > current.State || (state == current.State && mine))
                {
                    states[seat] = (state, mine);
                }
            }
        }
        var seats = _trip.Layout.Seats
            .Select(s => states.TryGetValue(s.Label, out var v) ? new SeatView(s.Label, v.State, v.Mine) : new SeatView(s.Label, SeatState.Free, false))
            .ToList();
        var myHolds = ownerId is null
            ? []
            : _state.Holds.Values.Where(h => h.OwnerId == ownerId && h.ExpiresAt > now).Select(ToInfo).ToList();
        return new(new SeatMap(_trip.TripId, _state.Version, fromStop, toStop, seats, myHolds, _state.Cancelled), null);
    }

    /// <summary>Per layout seat, a bit mask of the legs where it is taken.</summary>
    public TripAvailability Availability(DateTimeOffset now)
    {
        var masks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (seat, lo, hi, _, _) in Occupations(now))
        {
            masks[seat] = masks.GetValueOrDefault(seat) | TripAvailability.LegMask(lo, hi);
        }
        return new TripAvailability(_state.Version, _trip.Layout.Seats.Select(s => masks.GetValueOrDefault(s.Label)).ToList(), _state.Cancelled);
    }

    /// <summary>Every occupation of every seat. Holds that have expired by <paramref name="now"/> no longer count.</summary>
    private IEnumerable<(string Seat, int From, int To, SeatState State, string? Owner)> Occupations(DateTimeOffset now)
    {
        foreach (var hold in _state.Holds.Values)
        {
            if (hold.ExpiresAt > now)
            {
                foreach (var seat in hold.Seats)
                {
                    yield return (seat, hold.From, hold.To, SeatState.Held, hold.OwnerId);
                }
            }
        }
        foreach (var sale in _state.Sales.Values)
        {
            foreach (var seat in sale.Seats)
            {
                yield return (seat, sale.From, sale.To, SeatState.Sold, sale.OwnerId);
            }
        }
        foreach (var block in _state.Blocks)
        {
            yield return (block.Seat, block.From, block.To, SeatState.Blocked, null);
        }
    }

    private List<string> Conflicts(IReadOnlyList<string> seats, int from, int to, DateTimeOffset now)
    {
        var wanted = seats.ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (seat, lo, hi, _, _) in Occupations(now))
        {
            if (lo < to && from < hi && wanted.Contains(seat))
            {
                taken.Add(seat);
            }
        }
        return seats.Where(taken.Contains).ToList();
    }

    private TripUpdate Commit(IEnumerable<string> changedSeats, DateTimeOffset now)
    {
        _state.Version++;
        var changes = new List<SeatChange>();
        foreach (var seat in changedSeats.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            changes.AddRange(Timeline(seat, now));
        }
        return new TripUpdate(_trip.TripId, _state.Version, changes);
    }

    /// <summary>
    /// The seat's state on every leg, merged into runs of equal state covering the whole route. Holds expired by
    /// <paramref name="now"/> are ignored, as they are everywhere else.
    /// </summary>
    private IEnumerable<SeatChange> Timeline(string seat, DateTimeOffset now)
    {
        var legs = new SeatState[_trip.Stops.Count - 1];
        foreach (var (s, lo, hi, state, _) in Occupations(now))
        {
            if (s != seat)
            {
                continue;
            }
            for (var leg = lo; leg < hi; leg++)
            {
                if (state > legs[leg])
                {
                    legs[leg] = state;
                }
            }
        }
        var start = 0;
        for (var leg = 1; leg <= legs.Length; leg++)
        {
            if (leg == legs.Length || legs[leg] != legs[start])
            {
                yield return new SeatChange(seat, _trip.Stops[start].StopId, _trip.Stops[leg].StopId, legs[start]);
                start = leg;
            }
        }
    }

    private TripFailure? Validate(string ownerId, string requestId, IReadOnlyList<string> seats, string fromStop, string toStop,
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
        if (ValidateSeatsAndLeg(seats, fromStop, toStop, _limits.MaxSeatsPerHold(channel), out from, out to) is { } invalid)
        {
            return invalid;
        }
        if (_state.Cancelled)
        {
            return TripFailure.Of(TripErrorCode.TripCancelled, "This trip has been cancelled.");
        }
        // Sales close before the departure from the boarding stop; a counter can sell until the coach leaves it.
        var boarding = _trip.Stops[from].Departure;
        var closesAt = channel == SalesChannel.Counter ? boarding : boarding - _trip.SalesCloseBefore;
        if (now >= closesAt)
        {
            return TripFailure.Of(TripErrorCode.SalesClosed, $"Sales for this departure closed at {closesAt:yyyy-MM-dd HH:mm zzz}.");
        }
        return null;
    }

    private TripFailure? ValidateSeatsAndLeg(IReadOnlyList<string> seats, string fromStop, string toStop, int maxSeats,
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

    private TripFailure? ResolveLeg(string fromStop, string toStop, out int from, out int to)
    {
        from = fromStop is null ? -1 : _trip.IndexOf(fromStop);
        to = toStop is null ? -1 : _trip.IndexOf(toStop);
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

    private static TripFailure SeatsTaken(IReadOnlyList<string> conflicts) =>
        new(TripErrorCode.SeatsUnavailable, $"Seat {string.Join(", ", conflicts)} is no longer available on this leg.", conflicts);

    private static string? RequestKey(string ownerId, string requestId) =>
        string.IsNullOrEmpty(requestId) ? null : $"{ownerId}|{requestId}";

    private HoldInfo ToInfo(HoldRecord h) =>
        new(h.Id, _trip.TripId, h.OwnerId, h.Seats, _trip.Stops[h.From].StopId, _trip.Stops[h.To].StopId, h.ExpiresAt, h.Amount, h.Channel, h.Extended);

    private SaleInfo ToInfo(SaleRecord s) =>
        new(s.Id, _trip.TripId, s.BookingRef, s.Seats, _trip.Stops[s.From].StopId, _trip.Stops[s.To].StopId, s.Amount, s.Channel);

    /// <summary>
    /// Moves a sale from some of its seats to others in one step: <see cref="ChangeSaleSeats.Release"/>[i] is replaced
    /// by <see cref="ChangeSaleSeats.Take"/>[i] on the sale's own leg, so the sale never holds both or neither. The new
    /// seats may include seats the sale is giving up (a shuffle within the booking). Same leg, same fare. Idempotent:
    /// a sale that already has the new seats and none of the released ones is returned unchanged.
    /// </summary>
    public InventoryOutcome<SaleInfo> ChangeSaleSeats(ChangeSaleSeats command, DateTimeOffset now)
    {
        if (!_state.Sales.TryGetValue(command.SaleId, out var sale))
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.SaleNotFound, "The sale does not exist (any more).");
        }
        if (command.Release is null || command.Take is null || command.Release.Count != command.Take.Count)
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.InvalidRequest, "Give one new seat for every seat given up.");
        }
        var seats = sale.Seats.ToHashSet(StringComparer.Ordinal);
        var released = command.Release.Except(command.Take, StringComparer.Ordinal).ToList();
        if (command.Take.All(seats.Contains) && !released.Any(seats.Contains))
        {
            return new(ToInfo(sale), null, null);
        }
        if (ValidateSeatsAndLeg(command.Take, _trip.Stops[sale.From].StopId, _trip.Stops[sale.To].StopId, int.MaxValue, out _, out _) is { } invalid)
        {
            return InventoryOutcome<SaleInfo>.Fail(invalid);
        }
        if (command.Release.Distinct(StringComparer.Ordinal).Count() != command.Release.Count || !command.Release.All(seats.Contains))
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.InvalidRequest, "Only seats of this sale, each once, can be given up.");
        }
        if (_state.Cancelled)
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.TripCancelled, "This trip has been cancelled.");
        }
        if (now >= _trip.Stops[sale.From].Departure)
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.SalesClosed, "The coach has already left the boarding stop.");
        }
        // The sale's own seats do not conflict with it: they are given up in the same step.
        var conflicts = Conflicts(command.Take, sale.From, sale.To, now, except: sale.Id);
        if (conflicts.Count > 0)
        {
            return InventoryOutcome<SaleInfo>.Fail(SeatsTaken(conflicts));
        }
        var replacement = command.Release.Select((seat, i) => (seat, i)).ToDictionary(p => p.seat, p => command.Take[p.i], StringComparer.Ordinal);
        var changed = sale with { Seats = sale.Seats.Select(s => replacement.GetValueOrDefault(s, s)).ToArray() };
        _state.Sales[sale.Id] = changed;
        return new(ToInfo(changed), null, Commit(command.Release.Concat(command.Take), now));
    }

    /// <summary>
    /// Frees some seats of a sale (one passenger of a booking cancelled); the sale keeps its id and its other seats,
    /// and goes away with its last seat. Idempotent: seats the sale no longer has are ignored, an unknown sale is done.
    /// </summary>
    public InventoryOutcome<bool> ReleaseSaleSeats(Guid saleId, IReadOnlyList<string> seats, DateTimeOffset now)
    {
        if (!_state.Sales.TryGetValue(saleId, out var sale))
        {
            return new(true, null, null);
        }
        var release = (seats ?? []).ToHashSet(StringComparer.Ordinal);
        var released = sale.Seats.Where(release.Contains).ToList();
        if (released.Count == 0)
        {
            return new(true, null, null);
        }
        var kept = sale.Seats.Where(s => !release.Contains(s)).ToArray();
        if (kept.Length == 0)
        {
            _state.Sales.Remove(saleId);
        }
        else
        {
            _state.Sales[saleId] = sale with { Seats = kept, Amount = sale.Amount - _trip.FareFor(sale.From, sale.To) * released.Count };
        }
        return new(true, null, Commit(released, now));
    }

    /// <summary>The sale with this id, if it exists.</summary>
    public SaleInfo? FindSale(Guid saleId) => _state.Sales.TryGetValue(saleId, out var sale) ? ToInfo(sale) : null;

    private List<string> Conflicts(IReadOnlyList<string> seats, int from, int to, DateTimeOffset now, Guid except)
    {
        var wanted = seats.ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var own = _state.Sales.TryGetValue(except, out var sale) ? sale : null;
        foreach (var (seat, lo, hi, state, _) in Occupations(now))
        {
            var isOwn = own is not null && state == SeatState.Sold && lo == own.From && hi == own.To && own.Seats.Contains(seat);
            if (!isOwn && lo < to && from < hi && wanted.Contains(seat))
            {
                taken.Add(seat);
            }
        }
        return seats.Where(taken.Contains).ToList();
    }
}
