namespace DiuParibahan.Testing.History;

/// <summary>What <see cref="OperationHistory.Verify"/> found.</summary>
public sealed record HistoryReport(
    int Operations,
    int AcknowledgedOccupations,
    int RefusalsChecked,
    int SeatMapsChecked,
    IReadOnlyList<HistoryViolation> Violations)
{
    /// <summary>Double occupations found (rule a); the benchmark reports this as "overlaps".</summary>
    public int Overlaps => Violations.Count(v => v.Rule == HistoryChecker.DoubleOccupation);

    public bool IsClean => Violations.Count == 0;

    public override string ToString() =>
        $"{Operations} operations, {AcknowledgedOccupations} acknowledged occupations, {RefusalsChecked} refusals and "
        + $"{SeatMapsChecked} seat maps checked, {Violations.Count} violations"
        + string.Concat(Violations.Take(20).Select(v => "\n  " + v));
}
