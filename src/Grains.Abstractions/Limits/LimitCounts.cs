namespace DiuParibahan.Grains.Limits;

/// <summary>
/// A frontend's counts for keys of one limit window shard since its last report: <paramref name="Counts"/>[i] for
/// <paramref name="Keys"/>[i]. <paramref name="WindowEnd"/> is when the window closes; the grain lives at least until then.
/// </summary>
[GenerateSerializer, Immutable, Alias("LimitCounts")]
public sealed record LimitCounts(
    [property: Id(0)] IReadOnlyList<string> Keys,
    [property: Id(1)] IReadOnlyList<int> Counts,
    [property: Id(2)] DateTimeOffset WindowEnd);
