using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>
/// This frontend's copy of one trip's seats, fed by the trip grain's versioned change stream: a snapshot
/// (<see cref="ITripGrain.GetSnapshotAsync"/>) and then every delta in version order. Seat maps are answered from it
/// without crossing to a silo. Writes go to the grain; a write made through this frontend comes back with its durable
/// change, which the replica applies at once when it is the next version (else the stream brings it).
/// </summary>
/// <remarks>
/// Two kinds of writer, the trip's watch loop and this frontend's own acknowledged writes (<see cref="ApplyWrite"/>),
/// and many readers. Each change builds a new immutable <see cref="View"/> from the one before under a lock and
/// publishes it with one reference write, so a reader always sees one whole version and writers never lose a change.
/// The version only grows while the replica lives; a reader that needs at least version v waits for it briefly
/// (<see cref="WaitForAsync"/>) or reads the grain instead. The replica is <em>fresh</em> only while its stream is open and it has applied a snapshot; when the
/// stream breaks it is marked stale and answers nothing until a new snapshot arrives.
/// </remarks>
public sealed class TripReplica(string tripId, TimeProvider time)
{
    private readonly Lock _gate = new();
    private View? _view;
    private bool _fresh;
    private TaskCompletionSource _advanced = NewSignal();

    public string TripId { get; } = tripId;

    /// <summary>The version now held (0 before the first snapshot).</summary>
    public long Version => Volatile.Read(ref _view)?.Version ?? 0;

    /// <summary>Whether the replica holds a snapshot and its stream is open (reads may be answered from it).</summary>
    public bool IsFresh => Volatile.Read(ref _fresh) && _view is not null;

    /// <summary>When the stream brought the last applied change here.</summary>
    public DateTimeOffset? LastAppliedAt { get; private set; }

    /// <summary>Starts over from a snapshot; the replica is fresh afterwards. Never goes back to an older version.</summary>
    public void Reset(TripSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_view is { } current && snapshot.Version < current.Version)
            {
                // A snapshot older than what readers have seen would break monotonic reads: stay stale until the stream
                // catches up (a later delta or snapshot).
                return;
            }
            var stops = snapshot.Definition.Stops;
            var seats = new Dictionary<string, SeatState[]>(StringComparer.Ordinal);
            foreach (var seat in snapshot.Definition.Layout.Seats)
            {
                seats[seat.Label] = new SeatState[stops.Count - 1];
            }
            var view = new View(snapshot.Definition, snapshot.Version, snapshot.Cancelled, seats, []);
            Publish(view.With(snapshot.Version, snapshot.Seats, snapshot.Holds), fresh: true);
        }
    }

    /// <summary>
    /// Applies the next delta. False if it does not follow the held version (a gap) or cannot be applied as a delta
    /// (the trip itself changed): the caller must take a new snapshot. Deltas at or below the held version are ignored.
    /// </summary>
    public bool Apply(TripUpdate update)
    {
        lock (_gate)
        {
            return ApplyLocked(update);
        }
    }

    /// <summary>
    /// A write made through this frontend was acknowledged with its durable <paramref name="change"/>: applied at once if
    /// the replica is fresh and the change is its next version, so the writer's read-your-writes read need not wait for
    /// the stream. Anything else (a gap, a version already held, a change of the trip itself) is left to the stream,
    /// which brings every change in order and resyncs on a gap.
    /// </summary>
    /// <remarks>
    /// A stale replica is left alone: it is waiting for a snapshot, and a view moved past that snapshot by a write
    /// would refuse it (monotonic reads) and stay stale. Freshness is only ever decided by the stream.
    /// </remarks>
    /// <returns>Whether the replica now holds at least the change's version.</returns>
    public bool ApplyWrite(TripUpdate change)
    {
        if (change.TripId != TripId)
        {
            return false;
        }
        lock (_gate)
        {
            return _fresh && _view is { } view && (change.Version <= view.Version || ApplyLocked(change));
        }
    }

    // Call under _gate.
    private bool ApplyLocked(TripUpdate update)
    {
        if (_view is not { } view || update.Resync)
        {
            return false;
        }
        if (update.Version <= view.Version)
        {
            return true;
        }
        if (update.Version != view.Version + 1)
        {
            return false;
        }
        Publish(view.With(update.Version, update.Changes, update.Holds ?? []), fresh: _fresh);
        return true;
    }

    /// <summary>The stream broke: answer nothing until the next snapshot.</summary>
    public void MarkStale()
    {
        // Under the lock, so a write being applied at the same moment cannot carry the old freshness past it.
        lock (_gate)
        {
            Volatile.Write(ref _fresh, false);
        }
    }

    /// <summary>
    /// The view at a version of at least <paramref name="minVersion"/>, waiting up to <paramref name="wait"/> for the
    /// replica to reach it; null if the replica is stale or does not get there in time (the caller then reads the
    /// grain). A fresh replica already at the version answers synchronously, so a read asking for 0 never waits.
    /// </summary>
    public async ValueTask<View?> WaitForAsync(long minVersion, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (IsFresh && _view!.Version >= minVersion)
                {
                    return _view;
                }
                signal = _advanced.Task;
            }
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }
            try
            {
                await signal.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    // Call under _gate; the waiters are released with their continuations off this thread.
    private void Publish(View view, bool fresh)
    {
        Volatile.Write(ref _view, view);
        Volatile.Write(ref _fresh, fresh);
        LastAppliedAt = time.GetUtcNow();
        var advanced = _advanced;
        _advanced = NewSignal();
        advanced.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One whole version of the trip: each seat's state on every leg and the live holds by seat.</summary>
    public sealed class View
    {
        private readonly Dictionary<string, SeatState[]> _legs;
        private readonly Dictionary<string, HoldInfo[]> _holds;

        internal View(TripDefinition trip, long version, bool cancelled, Dictionary<string, SeatState[]> legs,
            Dictionary<string, HoldInfo[]> holds)
        {
            (Trip, Version, Cancelled, _legs, _holds) = (trip, version, cancelled, legs, holds);
        }

        public TripDefinition Trip { get; }

        public long Version { get; }

        public bool Cancelled { get; }

        /// <summary>
        /// The seat map of the leg <paramref name="fromStop"/>→<paramref name="toStop"/> as the trip grain would answer
        /// it at this version: each seat's strongest state on the leg, <c>mine</c> for held seats of
        /// <paramref name="ownerId"/>, and that owner's live holds. Null for an unknown or backwards leg (the grain
        /// answers those with its own problem).
        /// </summary>
        public SeatMap? SeatMap(string fromStop, string toStop, string? ownerId, DateTimeOffset now)
        {
            var from = Trip.IndexOf(fromStop);
            var to = Trip.IndexOf(toStop);
            if (from < 0 || to < 0 || from >= to)
            {
                return null;
            }
            var seats = new List<SeatView>(Trip.Layout.Seats.Count);
            foreach (var layoutSeat in Trip.Layout.Seats)
            {
                var state = SeatState.Free;
                if (_legs.TryGetValue(layoutSeat.Label, out var legs))
                {
                    for (var leg = from; leg < to; leg++)
                    {
                        state = legs[leg] > state ? legs[leg] : state;
                    }
                }
                var mine = state == SeatState.Held && ownerId is not null && _holds.TryGetValue(layoutSeat.Label, out var holds)
                    && holds.Any(h => h.OwnerId == ownerId && h.ExpiresAt > now && Overlaps(h, from, to));
                seats.Add(new SeatView(layoutSeat.Label, state, mine));
            }
            var myHolds = ownerId is null
                ? []
                : _holds.Values.SelectMany(h => h).Where(h => h.OwnerId == ownerId && h.ExpiresAt > now)
                    .DistinctBy(h => h.HoldId).ToList();
            return new SeatMap(Trip.TripId, Version, fromStop, toStop, seats, myHolds, Cancelled);
        }

        private bool Overlaps(HoldInfo hold, int from, int to) =>
            Trip.IndexOf(hold.From) < to && from < Trip.IndexOf(hold.To);

        /// <summary>A new view with <paramref name="changes"/> applied; only the changed seats are copied.</summary>
        internal View With(long version, IReadOnlyList<SeatChange> changes, IReadOnlyList<HoldInfo> holds)
        {
            var legs = new Dictionary<string, SeatState[]>(_legs, StringComparer.Ordinal);
            var byHold = new Dictionary<string, HoldInfo[]>(_holds, StringComparer.Ordinal);
            foreach (var seat in changes.Select(c => c.Seat).Distinct(StringComparer.Ordinal))
            {
                legs[seat] = legs.TryGetValue(seat, out var old) ? (SeatState[])old.Clone() : new SeatState[Trip.Stops.Count - 1];
                // The update lists every live hold on each changed seat, so the seat's holds are replaced, not merged.
                var seatHolds = holds.Where(h => h.Seats.Contains(seat)).ToArray();
                if (seatHolds.Length == 0)
                {
                    byHold.Remove(seat);
                }
                else
                {
                    byHold[seat] = seatHolds;
                }
            }
            foreach (var change in changes)
            {
                var from = Trip.IndexOf(change.From);
                var to = Trip.IndexOf(change.To);
                for (var leg = Math.Max(0, from); leg < to; leg++)
                {
                    legs[change.Seat][leg] = change.State;
                }
            }
            return new View(Trip, version, Cancelled, legs, byHold);
        }
    }
}
