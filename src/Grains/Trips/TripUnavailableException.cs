namespace DiuParibahan.Grains.Trips;

/// <summary>
/// A change could not be made durable (storage down, or another activation wrote first). Nothing was acknowledged;
/// the caller may retry, which reaches a fresh activation that reloads the trip from storage.
/// </summary>
[GenerateSerializer, Alias("TripUnavailableException")]
public sealed class TripUnavailableException : Exception
{
    public TripUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
