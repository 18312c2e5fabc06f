namespace DiuParibahan.Testing.History;

/// <summary>
/// Checks a quota over a history: at no moment did the acknowledged holds and sales of the history certainly hold
/// more than a given number of seats together. Uses the same certain windows as <see cref="HistoryChecker"/> (from the
/// answer until expiry minus the tolerance, the first release sent, or forever for a sale), so it raises no false alarm
/// whatever serial order the system chose; record one owner's (one phone's) requests in the history to check theirs.
/// </summary>
public static class HeldSeatsCheck
{
    public const string QuotaExceeded = "quota-exceeded";

    /// <summary>The most seats certainly held at once, and a violation for each moment that exceeds <paramref name="max"/>.</summary>
    public static (int MostAtOnce, IReadOnlyList<HistoryViolation> Violations) Check(IReadOnlyList<Operation> operations, int max, TimeSpan expiryTolerance)
    {
        var releases = operations
            .Where(o => o is { Kind: OperationKind.Release, HoldId: not null })
            .ToLookup(o => (o.TripId, o.HoldId!));
        var confirmed = operations
            .Where(o => o is { Kind: OperationKind.Confirm, HoldId: not null, Outcome: OperationOutcome.Acknowledged })
            .Select(o => (o.TripId, o.HoldId!))
            .ToHashSet();
        var edges = new List<(TimeSpan At, int Seats, Operation Source)>();
        foreach (var op in operations.Where(o => o.Kind is OperationKind.Hold or OperationKind.Sell && o.Outcome == OperationOutcome.Acknowledged))
        {
            var end = TimeSpan.MaxValue;
            if (op.Kind == OperationKind.Hold && !(op.HoldId is { } holdId && confirmed.Contains((op.TripId, holdId))))
            {
                if (op.ExpiresAt is { } expiry)
                {
                    end = expiry - expiryTolerance;
                }
                foreach (var release in op.HoldId is { } id ? releases[(op.TripId, id)] : [])
                {
                    end = release.Start < end ? release.Start : end;
                }
            }
            if (op.End < end)
            {
                edges.Add((op.End, op.Seats.Count, op));
                edges.Add((end, -op.Seats.Count, op));
            }
        }
        var violations = new List<HistoryViolation>();
        var held = 0;
        var most = 0;
        // Ends before starts at the same instant: windows are half-open.
        foreach (var (at, seats, source) in edges.OrderBy(e => e.At).ThenBy(e => e.Seats))
        {
            held += seats;
            most = Math.Max(most, held);
            if (seats > 0 && held > max)
            {
                violations.Add(new HistoryViolation(QuotaExceeded,
                    $"{held} seats were certainly held at once (at most {max} allowed) when {source.Kind.ToString().ToLowerInvariant()} "
                    + $"{string.Join('+', source.Seats)} {source.HoldId} was answered at {at.TotalMilliseconds:F1} ms"));
            }
        }
        return (most, violations);
    }
}
