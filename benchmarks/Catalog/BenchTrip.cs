namespace DiuParibahan.Benchmarks.Catalog;

/// <summary>
/// One departure as both systems know it: id, route stops in order (ids), seat labels in layout order, and the
/// service day it is listed under when searched from its first stop to its last.
/// </summary>
public sealed record BenchTrip(string TripId, string[] Stops, string[] Seats, DateOnly Day)
{
    public string Origin => Stops[0];

    public string Terminus => Stops[^1];
}
