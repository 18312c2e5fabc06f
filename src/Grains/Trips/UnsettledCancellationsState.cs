namespace DiuParibahan.Grains.Trips;

[GenerateSerializer, Alias("UnsettledCancellationsState")]
public sealed class UnsettledCancellationsState
{
    [Id(0)] public List<string> TripIds { get; set; } = [];
}
