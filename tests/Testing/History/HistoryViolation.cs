namespace DiuParibahan.Testing.History;

/// <summary>One broken rule: <c>double-occupation</c>, <c>false-refusal</c>, <c>seat-map</c> or <c>monotonic-read</c>, with what happened.</summary>
public sealed record HistoryViolation(string Rule, string Description)
{
    public override string ToString() => $"{Rule}: {Description}";
}
