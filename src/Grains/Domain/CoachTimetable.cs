namespace DiuParibahan.Grains.Domain;

/// <summary>One coach on one trip: from departure at the first stop to arrival at the last.</summary>
public sealed record CoachRun(string TripId, string CoachId, DateTimeOffset Departure, DateTimeOffset Arrival);

/// <summary>
/// A coach can be in one place at a time: a run of a coach clashes with another run of the same coach when their
/// times overlap once each is extended by the turnaround margin (cleaning, refuelling, the crew's break, getting from
/// the arrival bay to the next departure). Plain C#, so the rule is tested without a silo.
/// </summary>
public static class CoachTimetable
{
    /// <summary>
    /// The earliest run in <paramref name="runs"/> of the same coach, other than <paramref name="candidate"/>'s trip, that
    /// overlaps it with <paramref name="turnaround"/> between them; null if the coach is free.
    /// </summary>
    public static CoachRun? FindClash(IEnumerable<CoachRun> runs, CoachRun candidate, TimeSpan turnaround)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfLessThan(turnaround, TimeSpan.Zero);
        return runs
            .Where(r => r.CoachId == candidate.CoachId && r.TripId != candidate.TripId)
            .Where(r => r.Departure < candidate.Arrival + turnaround && candidate.Departure < r.Arrival + turnaround)
            .OrderBy(r => r.Departure)
            .FirstOrDefault();
    }
}
