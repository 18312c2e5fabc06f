namespace DiuParibahan.Grains.Bookings;

[GenerateSerializer, Alias("UnsettledRefundsState")]
public sealed class UnsettledRefundsState
{
    [Id(0)] public List<string> Pnrs { get; set; } = [];
}
