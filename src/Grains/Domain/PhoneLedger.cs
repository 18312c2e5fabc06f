using System.Globalization;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// One phone's holds across trips, its unpaid lapses and its ops block, over the persisted <see cref="PhoneState"/>:
/// admits a hold within the overall held-seat quota unless the phone is blocked or cooling off, and keeps the books as
/// trips report what became of each hold. Plain C#: time is passed in, nothing here does I/O. Every method that returns
/// true changed the state, which must be stored before the change is acknowledged.
/// </summary>
public sealed class PhoneLedger(PhoneState state, PassengerQuotas quotas)
{
    public const int MaxRecentHolds = 100;
    public const int MaxLapses = 20;
    public const int MaxRecentlyEnded = 32;

    private static readonly TimeSpan RecentWindow = TimeSpan.FromHours(1);

    /// <summary>Null if the hold is admitted (and reserved), else why not. A repeat of an admitted reservation is admitted again without a change.</summary>
    public (TripFailure? Failure, bool Changed) Admit(PhoneHoldRequest request, DateTimeOffset now)
    {
        Prune(now);
        if (state.Block is { } block && block.Until > now)
        {
            return (new TripFailure(TripErrorCode.PhoneBlocked,
                $"This phone may not hold seats until {Dhaka(block.Until)} (Dhaka time): {block.Reason}", [],
                new QuotaRefusal(null, null, block.Until, block.Reason, Seconds(block.Until - now))), false);
        }
        if (CoolOffUntil(now) is { } until)
        {
            return (new TripFailure(TripErrorCode.HoldCooloff,
                $"Holds on this phone expired unpaid {quotas.CoolOffLapses} times within {quotas.CoolOffWindow.TotalHours:0} hours; " +
                $"it can hold seats again at {Dhaka(until)} (Dhaka time).", [], new QuotaRefusal(null, null, until, null, Seconds(until - now))), false);
        }
        if (state.Holds.Any(h => h.TripId == request.TripId && h.ReservationKey == request.ReservationKey))
        {
            return (null, false);
        }
        var held = state.Holds.Sum(h => h.Seats);
        if (held + request.Seats > quotas.HeldSeatsOverall)
        {
            return (HoldQuotas.Exceeded(QuotaLimits.HeldSeatsOverall, quotas.HeldSeatsOverall,
                $"One phone may hold at most {quotas.HeldSeatsOverall} seat(s) over all trips at once; this phone holds {held}."), false);
        }
        state.Holds.Add(new PhoneReservation(request.TripId, request.ReservationKey, null, request.Seats, request.ExpiresAt));
        state.RecentHolds.Add(now);
        Trim(state.RecentHolds, MaxRecentHolds);
        return (null, Bump());
    }

    /// <summary>Binds a reservation to the hold the trip applied (or records the hold if its reservation is gone).</summary>
    public bool Placed(PhoneHoldPlaced placed, DateTimeOffset now)
    {
        Prune(now);
        if (state.RecentlyEnded.Contains(placed.HoldId) || placed.ExpiresAt <= now)
        {
            return false;
        }
        var index = state.Holds.FindIndex(h => h.TripId == placed.TripId
            && (h.HoldId == placed.HoldId || (h.HoldId is null && h.ReservationKey == placed.ReservationKey)));
        var bound = new PhoneReservation(placed.TripId, placed.ReservationKey, placed.HoldId, placed.Seats, placed.ExpiresAt);
        if (index < 0)
        {
            state.Holds.Add(bound);
        }
        else if (state.Holds[index] == bound)
        {
            return false;
        }
        else
        {
            state.Holds[index] = bound;
        }
        return Bump();
    }

    /// <summary>The trip refused a reserved hold after all: the reservation goes (a bound one stays, it is a real hold).</summary>
    public bool Dropped(string tripId, string reservationKey, DateTimeOffset now)
    {
        Prune(now);
        return state.Holds.RemoveAll(h => h.TripId == tripId && h.ReservationKey == reservationKey && h.HoldId is null) > 0 && Bump();
    }

    /// <summary>A hold ended. An unpaid expiry is a lapse toward the cool-off, counted once per hold.</summary>
    public bool Ended(string tripId, Guid holdId, PhoneHoldEnd how, DateTimeOffset now)
    {
        Prune(now);
        var changed = state.Holds.RemoveAll(h => h.TripId == tripId && h.HoldId == holdId) > 0;
        if (!state.RecentlyEnded.Contains(holdId))
        {
            state.RecentlyEnded.Add(holdId);
            Trim(state.RecentlyEnded, MaxRecentlyEnded);
            changed = true;
        }
        if (how == PhoneHoldEnd.Expired && state.Lapses.All(l => l.HoldId != holdId))
        {
            state.Lapses.Add(new PhoneLapse(now, holdId));
            Trim(state.Lapses, MaxLapses);
            changed = true;
        }
        return changed && Bump();
    }

    /// <summary>A hold was extended for payment: it stays live (and counted) until its new expiry.</summary>
    public bool Extended(string tripId, Guid holdId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        Prune(now);
        var index = state.Holds.FindIndex(h => h.TripId == tripId && h.HoldId == holdId);
        if (index < 0 || state.Holds[index].ExpiresAt >= expiresAt)
        {
            return false;
        }
        state.Holds[index] = state.Holds[index] with { ExpiresAt = expiresAt };
        return Bump();
    }

    /// <summary>The trips where the phone has live holds, for an ops release.</summary>
    public IReadOnlyList<string> LiveTrips(DateTimeOffset now)
    {
        Prune(now);
        return state.Holds.Select(h => h.TripId).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Ops released the phone's holds on <paramref name="trips"/>: they are forgotten and the action audited.</summary>
    public bool ReleasedByOps(HolderAction action, IReadOnlyCollection<string> trips, int holds, int seats, DateTimeOffset now)
    {
        Prune(now);
        state.Holds.RemoveAll(h => trips.Contains(h.TripId));
        state.PendingAudit.Add(new HolderAuditRecord(now, HolderAuditKinds.Released, action,
            $"{holds} hold(s), {seats} seat(s) released on {trips.Count} trip(s)."));
        return Bump();
    }

    /// <summary>Ops block the phone's new holds until <paramref name="until"/> (replacing any block).</summary>
    public bool Block(HolderAction action, DateTimeOffset until, DateTimeOffset now)
    {
        Prune(now);
        state.Block = new PhoneBlockInfo(action.Reason, until, action.ActorLogin, now);
        state.PendingAudit.Add(new HolderAuditRecord(now, HolderAuditKinds.Blocked, action, $"New holds refused until {Dhaka(until)} (Dhaka time)."));
        return Bump();
    }

    /// <summary>Ops lift the block; nothing to lift changes nothing.</summary>
    public bool Unblock(HolderAction action, DateTimeOffset now)
    {
        Prune(now);
        if (state.Block is null)
        {
            return false;
        }
        var lifted = state.Block;
        state.Block = null;
        if (lifted.Until > now)
        {
            state.PendingAudit.Add(new HolderAuditRecord(now, HolderAuditKinds.Unblocked, action,
                $"Block until {Dhaka(lifted.Until)} (Dhaka time) lifted; it was: {lifted.Reason}"));
        }
        return Bump();
    }

    /// <summary>
    /// When the phone may hold again, if it is cooling off: once it has <see cref="PassengerQuotas.CoolOffLapses"/>
    /// unpaid expiries within <see cref="PassengerQuotas.CoolOffWindow"/>, it waits <see cref="PassengerQuotas.CoolOff"/>
    /// from the latest one. (A further lapse within the window starts another wait.)
    /// </summary>
    public DateTimeOffset? CoolOffUntil(DateTimeOffset now)
    {
        var recent = state.Lapses.Where(l => l.At > now - quotas.CoolOffWindow).Select(l => l.At).ToList();
        if (recent.Count < quotas.CoolOffLapses)
        {
            return null;
        }
        var until = recent.Max() + quotas.CoolOff;
        return until > now ? until : null;
    }

    public HolderSummary Summary(string phone, DateTimeOffset now)
    {
        Prune(now);
        return new HolderSummary(phone, state.Revision, now,
            state.Holds.Select(h => new HolderHold(h.TripId, h.HoldId, h.Seats, h.ExpiresAt)).ToList(),
            state.RecentHolds.ToList(),
            state.Lapses.Where(l => l.At > now - quotas.CoolOffWindow).Select(l => l.At).ToList(),
            CoolOffUntil(now),
            state.Block is { } block && block.Until > now ? block : null);
    }

    /// <summary>Forgets what no longer counts: expired reservations, old hold times and lapses, a block that ran out.</summary>
    private void Prune(DateTimeOffset now)
    {
        state.Holds.RemoveAll(h => h.ExpiresAt <= now);
        state.RecentHolds.RemoveAll(t => t <= now - RecentWindow);
        state.Lapses.RemoveAll(l => l.At <= now - quotas.CoolOffWindow);
        if (state.Block is { } block && block.Until <= now)
        {
            state.Block = null;
        }
    }

    private bool Bump()
    {
        state.Revision++;
        return true;
    }

    private static void Trim<T>(List<T> list, int max)
    {
        if (list.Count > max)
        {
            list.RemoveRange(0, list.Count - max);
        }
    }

    private static int Seconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);

    private static string Dhaka(DateTimeOffset at) =>
        at.ToOffset(ServiceDay.DhakaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
