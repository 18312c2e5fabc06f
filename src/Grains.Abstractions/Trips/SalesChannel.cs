namespace DiuParibahan.Grains.Trips;

/// <summary>Where a hold or sale comes from. Limits differ: counters sell more seats at once.</summary>
[GenerateSerializer, Alias("SalesChannel")]
public enum SalesChannel
{
    Online,
    Counter,
}
