namespace DiuParibahan.Grains.Bookings;

/// <summary>The PNRs of one clerk's counter sales on one day; a shift's worth, so never trimmed.</summary>
[GenerateSerializer, Alias("ClerkDayState")]
public sealed class ClerkDayState
{
    [Id(0)] public List<string> Pnrs { get; set; } = [];
}
