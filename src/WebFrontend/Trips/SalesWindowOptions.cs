namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// How many service days ahead trips are on sale (section <c>Seeding</c>, key <c>DaysAhead</c>: the same setting that
/// makes the seeder create trips that far ahead). The date strip shows later days as not yet on sale.
/// </summary>
public sealed class SalesWindowOptions
{
    public int DaysAhead { get; set; } = 14;
}
