namespace DiuParibahan.Grains.Trips;

/// <summary>A sink that records nothing: the default when the host keeps no events log.</summary>
public sealed class NullTripEventSink : ITripEventSink
{
    public void Record(TripActivity activity)
    {
    }
}
