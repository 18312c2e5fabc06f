namespace DiuParibahan.Grains.Trips;

/// <summary>How trip grains show up in Orleans' grain statistics, so the cluster view can count them by name alone.</summary>
public static class TripGrainType
{
    /// <summary>The implementation's class name, part of the grain type of every trip activation in the statistics.</summary>
    public const string ClassName = "TripGrain";
}
