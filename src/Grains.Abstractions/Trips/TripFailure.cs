namespace DiuParibahan.Grains.Trips;

/// <summary>
/// Why a trip operation did not happen. <paramref name="Conflicts"/> lists the seats that are taken, if that was the
/// reason; <paramref name="Quota"/> details a per-phone refusal (quota, cool-off, block).
/// </summary>
[GenerateSerializer, Immutable, Alias("TripFailure")]
public sealed record TripFailure(
    [property: Id(0)] TripErrorCode Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] IReadOnlyList<string> Conflicts,
    [property: Id(3)] QuotaRefusal? Quota = null)
{
    public static TripFailure Of(TripErrorCode code, string detail) => new(code, detail, []);
}
