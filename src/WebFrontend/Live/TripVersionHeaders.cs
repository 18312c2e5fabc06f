using System.Globalization;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>
/// The trip version on the HTTP surface, for read-your-writes and monotonic reads across frontends: writes and seat
/// maps answer with <c>Trip-Version</c>; a seat-map read may ask for at least a version with the query parameter
/// <c>minVersion</c> or the header <c>Trip-Min-Version</c> (the largest version the client has seen for that trip).
/// <c>Trip-Read-Source</c> says whether the map came from this frontend's replica or from the trip grain.
/// </summary>
public static class TripVersionHeaders
{
    public const string Version = "Trip-Version";
    public const string MinVersion = "Trip-Min-Version";
    public const string Source = "Trip-Read-Source";

    /// <summary>Largest accepted minimum version: far above any real trip, small enough to never overflow.</summary>
    public const long MaxVersion = 1L << 50;

    /// <summary>Sets the version a write or read answered at.</summary>
    public static void Set(HttpContext http, long version) =>
        http.Response.Headers[Version] = version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The minimum version the caller asks for (query wins over header); 0 if none. False for a value that is not a
    /// non-negative whole number within <see cref="MaxVersion"/>.
    /// </summary>
    public static bool TryReadMinimum(HttpContext http, out long minVersion)
    {
        minVersion = 0;
        var raw = http.Request.Query["minVersion"].ToString();
        if (raw.Length == 0)
        {
            raw = http.Request.Headers[MinVersion].ToString();
        }
        if (raw.Length == 0)
        {
            return true;
        }
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out minVersion) && minVersion <= MaxVersion;
    }
}
