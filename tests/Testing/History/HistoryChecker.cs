namespace DiuParibahan.Testing.History;

/// <summary>
/// Checks a history of holds, sales, releases and seat map reads against what a correct trip may do, whatever serial
/// order it chose for requests that overlapped in time.
/// </summary>
/// <remarks>
/// Each hold or sale that may have happened is an <em>occupation</em> of its seats on its leg with two windows:
/// <list type="bullet">
/// <item><b>certainly held</b> (acknowledged only): from its response until the first request to release it was sent,
/// or it expired, or forever for a sale or an acknowledged confirmation. Whatever order the trip chose, the seats were taken throughout.</item>
/// <item><b>possibly held</b>: from its request until an acknowledged release answered, or it expired, or forever
/// (sales, holds with a confirmation that may have taken effect, and requests that ended in an error and may have
/// taken effect).</item>
/// </list>
/// Rule (a) double-occupation: two occupations of one seat on overlapping legs whose certain windows overlap.
/// Rule (b) false-refusal: a "seats taken" refusal names a seat no occupation could have held on an overlapping leg
/// while the refused request was in flight (or a seat it did not ask for).
/// Rule (c) seat-map: a read shows a seat free that was certainly held throughout the read, or taken when nothing
/// could have held it. A map answered by a frontend replica counts as a read at some moment from the replica
/// staleness bound before it was sent until it was answered. Using only certain windows for (a) and possible windows for (b) and (c) means no false alarms.
/// Rule (d) monotonic-read: one client read a trip at version v, and a read it sent after that answer arrived showed
/// an older version (reads served by frontend replicas must never go back in time for a client, whichever frontend
/// answers).
/// </remarks>
public static class HistoryChecker
{
    public const string DoubleOccupation = "double-occupation";
    public const string FalseRefusal = "false-refusal";
    public const string SeatMap = "seat-map";
    public const string MonotonicRead = "monotonic-read";

    private static readonly TimeSpan Forever = TimeSpan.MaxValue;

    private sealed record Occupation(Operation Source, bool Acknowledged,
        TimeSpan CertainStart, TimeSpan CertainEnd, TimeSpan PossibleStart, TimeSpan PossibleEnd)
    {
        public bool Overlaps(int from, int to) => Source.From < to && from < Source.To;

        public bool PossiblyDuring(TimeSpan start, TimeSpan end) => PossibleStart < end && start < PossibleEnd;
    }

    public static HistoryReport Check(IReadOnlyList<Operation> operations, IReadOnlyList<SeatMapObservation> seatMaps, TimeSpan expiryTolerance,
        TimeSpan replicaStaleness = default)
    {
        var occupations = Occupations(operations, expiryTolerance);
        var violations = new List<HistoryViolation>();
        CheckDoubleOccupations(occupations, violations);
        var refusals = operations.Where(o => o.Outcome == OperationOutcome.Refused && o.Conflicts.Count > 0).ToList();
        foreach (var refusal in refusals)
        {
            CheckRefusal(refusal, occupations, violations);
        }
        foreach (var map in seatMaps)
        {
            CheckSeatMap(map.FromReplica ? map with { Start = map.Start - replicaStaleness } : map, occupations, violations);
        }
        CheckMonotonicReads(seatMaps, violations);
        return new HistoryReport(operations.Count,
            occupations.Values.Sum(list => list.Count(o => o.Acknowledged)), refusals.Count, seatMaps.Count, violations);
    }

    /// <summary>Every occupation, per trip and seat, ordered by the start of its possible window.</summary>
    private static Dictionary<(string Trip, string Seat), List<Occupation>> Occupations(
        IReadOnlyList<Operation> operations, TimeSpan tolerance)
    {
        var releases = operations
            .Where(o => o is { Kind: OperationKind.Release, HoldId: not null })
            .ToLookup(o => (o.TripId, o.HoldId!));
        var confirms = operations
            .Where(o => o is { Kind: OperationKind.Confirm, HoldId: not null } && o.Outcome != OperationOutcome.Refused)
            .ToLookup(o => (o.TripId, o.HoldId!));
        var result = new Dictionary<(string, string), List<Occupation>>();
        foreach (var op in operations.Where(o => o.Kind is OperationKind.Hold or OperationKind.Sell && o.Outcome != OperationOutcome.Refused))
        {
            var occupation = op.Outcome == OperationOutcome.Acknowledged
                ? Acknowledged(op, op.HoldId is { } id ? releases[(op.TripId, id)] : [],
                    op.HoldId is { } held ? confirms[(op.TripId, held)] : [], tolerance)
                : new Occupation(op, false, Forever, Forever, op.Start, Forever);
            foreach (var seat in op.Seats)
            {
                if (!result.TryGetValue((op.TripId, seat), out var list))
                {
                    result[(op.TripId, seat)] = list = [];
                }
                list.Add(occupation);
            }
        }
        foreach (var list in result.Values)
        {
            list.Sort((x, y) => x.PossibleStart.CompareTo(y.PossibleStart));
        }
        return result;
    }

    private static Occupation Acknowledged(Operation op, IEnumerable<Operation> releases, IEnumerable<Operation> confirms, TimeSpan tolerance)
    {
        var confirmations = confirms.ToList();
        // A paid hold is a sale from the moment it was held; one whose payment had no clear answer may be.
        if (op.Kind == OperationKind.Sell || confirmations.Any(c => c.Outcome == OperationOutcome.Acknowledged))
        {
            return new Occupation(op, true, op.End, Forever, op.Start, Forever);
        }
        var certainEnd = op.ExpiresAt is { } expiry ? expiry - tolerance : Forever;
        var possibleEnd = op.ExpiresAt is { } e ? e + tolerance : Forever;
        foreach (var release in releases)
        {
            // Any release attempt may have freed the seats from the moment it was sent; only a "yes" proves it did.
            certainEnd = Min(certainEnd, release.Start);
            if (release.Outcome == OperationOutcome.Acknowledged)
            {
                possibleEnd = Min(possibleEnd, release.End);
            }
        }
        if (confirmations.Count > 0)
        {
            possibleEnd = Forever;
        }
        return new Occupation(op, true, op.End, certainEnd, op.Start, possibleEnd);
    }

    private static void CheckDoubleOccupations(Dictionary<(string Trip, string Seat), List<Occupation>> occupations, List<HistoryViolation> violations)
    {
        foreach (var ((trip, seat), list) in occupations)
        {
            var certain = list.Where(o => o.Acknowledged && o.CertainStart < o.CertainEnd).OrderBy(o => o.CertainStart).ToList();
            var active = new List<Occupation>();
            foreach (var next in certain)
            {
                active.RemoveAll(o => o.CertainEnd <= next.CertainStart);
                foreach (var other in active.Where(o => o.Overlaps(next.Source.From, next.Source.To)
                             && !(o.Source.HoldId is { } id && id == next.Source.HoldId)))
                {
                    violations.Add(new HistoryViolation(DoubleOccupation,
                        $"{trip} seat {seat}: {Describe(other.Source)} and {Describe(next.Source)} were both certainly held "
                        + $"from {Ms(next.CertainStart)} to {Ms(Min(other.CertainEnd, next.CertainEnd))}"));
                }
                active.Add(next);
            }
        }
    }

    private static void CheckRefusal(Operation refusal, Dictionary<(string Trip, string Seat), List<Occupation>> occupations, List<HistoryViolation> violations)
    {
        foreach (var seat in refusal.Conflicts.Distinct())
        {
            if (!refusal.Seats.Contains(seat))
            {
                violations.Add(new HistoryViolation(FalseRefusal, $"{Describe(refusal)} was refused naming seat {seat}, which it did not ask for"));
            }
            else if (!PossiblyTaken(occupations, refusal.TripId, seat, refusal.From, refusal.To, refusal.Start, refusal.End))
            {
                violations.Add(new HistoryViolation(FalseRefusal,
                    $"{Describe(refusal)} was refused naming seat {seat}, which nothing could have held on that leg then"));
            }
        }
    }

    private static void CheckSeatMap(SeatMapObservation map, Dictionary<(string Trip, string Seat), List<Occupation>> occupations, List<HistoryViolation> violations)
    {
        foreach (var (seat, taken) in map.Taken)
        {
            if (taken && !PossiblyTaken(occupations, map.TripId, seat, map.From, map.To, map.Start, map.End))
            {
                violations.Add(new HistoryViolation(SeatMap,
                    $"{map.TripId} seat {seat} showed taken on [{map.From},{map.To}) at {Ms(map.Start)}–{Ms(map.End)}, but nothing could have held it"));
            }
            else if (!taken && occupations.TryGetValue((map.TripId, seat), out var list)
                     && list.FirstOrDefault(o => o.Acknowledged && o.Overlaps(map.From, map.To)
                         && o.CertainStart <= map.Start && map.End <= o.CertainEnd) is { } holder)
            {
                violations.Add(new HistoryViolation(SeatMap,
                    $"{map.TripId} seat {seat} showed free on [{map.From},{map.To}) at {Ms(map.Start)}–{Ms(map.End)}, "
                    + $"but {Describe(holder.Source)} certainly held it then"));
            }
        }
    }

    private static void CheckMonotonicReads(IReadOnlyList<SeatMapObservation> seatMaps, List<HistoryViolation> violations)
    {
        var byClient = seatMaps
            .Where(m => m is { Version: not null, Client: not null })
            .GroupBy(m => (m.Client!, m.TripId));
        foreach (var reads in byClient)
        {
            // Walk the reads in the order they were sent; each must show at least the newest version of any read that
            // had been answered before it was sent. Reads that overlapped in time may come back in either order.
            var answered = reads.OrderBy(m => m.End).ToList();
            var next = 0;
            var newest = (SeatMapObservation?)null;
            foreach (var read in reads.OrderBy(m => m.Start))
            {
                for (; next < answered.Count && answered[next].End <= read.Start; next++)
                {
                    if (newest is null || answered[next].Version > newest.Version)
                    {
                        newest = answered[next];
                    }
                }
                if (newest is not null && read.Version < newest.Version)
                {
                    violations.Add(new HistoryViolation(MonotonicRead,
                        $"{read.TripId}: client {read.Client} read version {read.Version} at {Ms(read.Start)}–{Ms(read.End)} "
                        + $"after it had already seen version {newest.Version} (answered {Ms(newest.End)})"));
                }
            }
        }
    }

    private static bool PossiblyTaken(Dictionary<(string Trip, string Seat), List<Occupation>> occupations,
        string trip, string seat, int from, int to, TimeSpan start, TimeSpan end)
    {
        if (!occupations.TryGetValue((trip, seat), out var list))
        {
            return false;
        }
        // The list is ordered by possible start: only occupations begun before the end can explain it, and the most
        // recent of them usually does, so search backwards from there.
        var index = UpperBound(list, end);
        for (var i = index - 1; i >= 0; i--)
        {
            if (list[i].Overlaps(from, to) && list[i].PossiblyDuring(start, end))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The number of occupations whose possible window starts before <paramref name="time"/>.</summary>
    private static int UpperBound(List<Occupation> list, TimeSpan time)
    {
        var (low, high) = (0, list.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (list[middle].PossibleStart < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Ms(TimeSpan t) => t == Forever ? "forever" : $"{t.TotalMilliseconds:F1} ms";

    private static string Describe(Operation op) =>
        $"{op.Kind.ToString().ToLowerInvariant()} {string.Join('+', op.Seats)} [{op.From},{op.To}) "
        + $"{(op.HoldId is null ? "" : op.HoldId + " ")}sent {Ms(op.Start)} answered {Ms(op.End)}";
}
