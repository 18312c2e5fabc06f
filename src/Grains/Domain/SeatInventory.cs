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
    private readonly SeatOccupancy _occupancy;
    private readonly SeatRequestRules _rules;

    public SeatInventory(TripState state, InventoryLimits limits)
    {
        _state = state;
        _trip = state.Definition ?? throw new ArgumentException("The trip has no definition.", nameof(state));
        _limits = limits;
        _occupancy = new SeatOccupancy(state, _trip);
        _rules = new SeatRequestRules(state, _trip, limits);
    }

    public TripDefinition Trip => _trip;

    public long Version => _state.Version;

    /// <summary>
    /// Why <see cref="Hold"/> would refuse <paramref name="command"/> right now (its own terms, the owner's live holds,
    /// the per-trip phone quotas, seats taken), without changing anything; null if it would apply it, and for a retry
    /// of an acknowledged hold. Lets a caller skip work (the phone's admission) for a request that is refused anyway.
    /// </summary>
    public TripFailure? RequestProblem(HoldSeats command, DateTimeOffset now)
    {
        var requestKey = RequestKey(command.OwnerId, command.RequestId);
        return requestKey is not null && _state.Requests.TryGetValue(requestKey, out var earlier) && earlier.Hold is not null
            ? null
            : Refusal(command, now, out _, out _, out _);
    }

    public InventoryOutcome<HoldInfo> Hold(HoldSeats command, DateTimeOffset now)
    {
        var requestKey = RequestKey(command.OwnerId, command.RequestId);
        if (requestKey is not null && _state.Requests.TryGetValue(requestKey, out var earlier) && earlier.Hold is { } first)
        {
            return new(first, null, null);
        }
        if (Refusal(command, now, out var from, out var to, out var phone) is { } refused)
        {
            return InventoryOutcome<HoldInfo>.Fail(refused);
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

    private TripFailure? Refusal(HoldSeats command, DateTimeOffset now, out int from, out int to, out string? phone)
    {
        phone = PassengerQuotas.Apply(command) ? command.Phone : null;
        if (_rules.Validate(command.OwnerId, command.RequestId, command.Seats, command.From, command.To, command.Channel, now,
                out from, out to) is { } invalid)
        {
            return invalid;
        }

        var live = _state.Holds.Values.Count(h => h.OwnerId == command.OwnerId && h.ExpiresAt > now);
        if (live >= _limits.MaxHoldsPerOwner(command.Channel))
        {
            return TripFailure.Of(TripErrorCode.HoldLimitReached,
                $"You already hold seats {live} time(s) on this trip; release or complete a hold first.");
        }

        if (phone is not null && HoldQuotas.Check(_state, phone, command.Seats.Count, _limits.Quotas, now) is { } overQuota)
        {
            return overQuota;
        }

        return _occupancy.Conflicts(command.Seats, from, to, now) is { Count: > 0 } conflicts ? SeatsTaken(conflicts) : null;
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

    public InventoryOutcome<SaleInfo> Confirm(Guid holdId, string bookingRef, DateTimeOffset now, IReadOnlyList<SeatGender>? genders = null)
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
        var sale = new SaleRecord(hold.Id, hold.OwnerId, bookingRef, hold.Seats, hold.From, hold.To, hold.Amount, hold.Channel, hold.Phone,
            GendersOf(hold.Seats, genders));
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
        if (_rules.Validate(command.OwnerId, command.RequestId, command.Seats, command.From, command.To, command.Channel, now,
                out var from, out var to) is { } invalid)
        {
            return InventoryOutcome<SaleInfo>.Fail(invalid);
        }
        if (string.IsNullOrWhiteSpace(command.BookingRef))
        {
            return InventoryOutcome<SaleInfo>.Fail(TripErrorCode.InvalidRequest, "A booking reference is required.");
        }
        if (CounterQuota.Check(command, _state.Sales.Values) is { } overQuota)
        {
            return InventoryOutcome<SaleInfo>.Fail(overQuota);
        }
        if (_occupancy.Conflicts(command.Seats, from, to, now) is { Count: > 0 } conflicts)
        {
            return InventoryOutcome<SaleInfo>.Fail(SeatsTaken(conflicts));
        }
        var sale = new SaleRecord(Guid.NewGuid(), command.OwnerId, command.BookingRef, command.Seats.ToArray(), from, to,
            _trip.FareFor(from, to) * command.Seats.Count, command.Channel, Genders: GendersOf(command.Seats, command.Genders));
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
        if (_rules.ValidateSeatsAndLeg(command.Seats, command.From, command.To, int.MaxValue, out var from, out var to) is { } invalid)
        {
            return InventoryOutcome<bool>.Fail(invalid);
        }
        if (_occupancy.Conflicts(command.Seats, from, to, now) is { Count: > 0 } conflicts)
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
        if (_rules.ValidateSeatsAndLeg(command.Seats, command.From, command.To, int.MaxValue, out var from, out var to) is { } invalid)
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
        if (_rules.ResolveLeg(fromStop, toStop, out var from, out var to) is { } invalid)
        {
            return new(null, invalid);
        }
        var states = new Dictionary<string, (SeatState State, bool Mine)>(StringComparer.Ordinal);
        foreach (var (seat, lo, hi, state, owner) in _occupancy.Occupations(now))
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
            .Select(s => states.TryGetValue(s.Label, out var v)
                ? new SeatView(s.Label, v.State, v.Mine, v.State == SeatState.Sold ? _occupancy.SoldGender(s.Label, from, to) : null)
                : new SeatView(s.Label, SeatState.Free, false))
            .ToList();
        var myHolds = ownerId is null
            ? []
            : _state.Holds.Values.Where(h => h.OwnerId == ownerId && h.ExpiresAt > now).Select(ToInfo).ToList();
        return new(new SeatMap(_trip.TripId, _state.Version, fromStop, toStop, seats, myHolds, _state.Cancelled), null);
    }

    /// <summary>Per layout seat, a bit mask of the legs where it is taken.</summary>
    public TripAvailability Availability(DateTimeOffset now) => _occupancy.Availability(now);

    /// <summary>Every seat's timeline and every live hold, for a frontend replica.</summary>
    public TripSnapshot Snapshot(DateTimeOffset now) => new(
        _trip,
        _state.Version,
        _state.Cancelled,
        _trip.Layout.Seats.SelectMany(s => _occupancy.Timeline(s.Label, now)).ToList(),
        _state.Holds.Values.Where(h => h.ExpiresAt > now).Select(ToInfo).ToList());

    private TripUpdate Commit(IEnumerable<string> changedSeats, DateTimeOffset now)
    {
        _state.Version++;
        var changes = new List<SeatChange>();
        var seats = changedSeats.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var seat in seats)
        {
            changes.AddRange(_occupancy.Timeline(seat, now));
        }
        // Replicas learn who holds the changed seats, so they can mark a viewer's own held seats.
        var holds = _state.Holds.Values
            .Where(h => h.ExpiresAt > now && h.Seats.Any(seat => seats.Contains(seat, StringComparer.Ordinal)))
            .Select(ToInfo)
            .ToList();
        return new TripUpdate(_trip.TripId, _state.Version, changes, Holds: holds);
    }

    /// <summary>The genders given for <paramref name="seats"/> only, each seat once; null when none was given.</summary>
    private static SeatGender[]? GendersOf(IReadOnlyList<string> seats, IReadOnlyList<SeatGender>? genders)
    {
        if (genders is null)
        {
            return null;
        }
        var kept = genders.Where(g => g is not null && seats.Contains(g.Seat)).DistinctBy(g => g.Seat).ToArray();
        return kept.Length == 0 ? null : kept;
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
        if (_rules.ValidateSeatsAndLeg(command.Take, _trip.Stops[sale.From].StopId, _trip.Stops[sale.To].StopId, int.MaxValue, out _, out _) is { } invalid)
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
        var conflicts = _occupancy.Conflicts(command.Take, sale.From, sale.To, now, except: sale.Id);
        if (conflicts.Count > 0)
        {
            return InventoryOutcome<SaleInfo>.Fail(SeatsTaken(conflicts));
        }
        var replacement = command.Release.Select((seat, i) => (seat, i)).ToDictionary(p => p.seat, p => command.Take[p.i], StringComparer.Ordinal);
        // A passenger keeps their gender marker on the seat they move to.
        var changed = sale with
        {
            Seats = sale.Seats.Select(s => replacement.GetValueOrDefault(s, s)).ToArray(),
            Genders = sale.Genders?.Select(g => g with { Seat = replacement.GetValueOrDefault(g.Seat, g.Seat) }).ToArray(),
        };
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
            _state.Sales[saleId] = sale with
            {
                Seats = kept,
                Amount = sale.Amount - _trip.FareFor(sale.From, sale.To) * released.Count,
                Genders = sale.Genders?.Where(g => !release.Contains(g.Seat)).ToArray(),
            };
        }
        return new(true, null, Commit(released, now));
    }

    /// <summary>
    /// Replaces the passenger gender recorded for one seat of a sale (a corrected passenger), so the map and the
    /// watchers show the gender the ticket now carries. Idempotent: the gender already recorded changes nothing.
    /// </summary>
    public InventoryOutcome<bool> CorrectSaleGender(Guid saleId, SeatGender gender, DateTimeOffset now)
    {
        if (gender is null || string.IsNullOrWhiteSpace(gender.Seat) || !Enum.IsDefined(gender.Gender))
        {
            return InventoryOutcome<bool>.Fail(TripErrorCode.InvalidRequest, "A seat and a known gender are required.");
        }
        if (!_state.Sales.TryGetValue(saleId, out var sale))
        {
            return InventoryOutcome<bool>.Fail(TripErrorCode.SaleNotFound, "The sale does not exist (any more).");
        }
        if (!sale.Seats.Contains(gender.Seat, StringComparer.Ordinal))
        {
            return InventoryOutcome<bool>.Fail(TripErrorCode.InvalidRequest, $"Seat {gender.Seat} is not part of this sale.");
        }
        if (sale.GenderOf(gender.Seat) == gender.Gender)
        {
            return new(true, null, null);
        }
        _state.Sales[saleId] = sale with
        {
            Genders = (sale.Genders ?? []).Where(g => g.Seat != gender.Seat).Append(gender).ToArray(),
        };
        return new(true, null, Commit([gender.Seat], now));
    }

    /// <summary>The sale with this id, if it exists.</summary>
    public SaleInfo? FindSale(Guid saleId) => _state.Sales.TryGetValue(saleId, out var sale) ? ToInfo(sale) : null;

}
