namespace DiuParibahan.WebFrontend.Holds;

/// <summary>
/// The public id of a hold: <c>{tripId}.{guid}</c>. Carrying the trip lets any frontend route the call to the right
/// trip grain without a lookup table.
/// </summary>
public static class HoldReference
{
    public static string Format(string tripId, Guid holdId) => $"{tripId}.{holdId:N}";

    public static bool TryParse(string? value, out string tripId, out Guid holdId)
    {
        tripId = "";
        holdId = Guid.Empty;
        var dot = value?.LastIndexOf('.') ?? -1;
        if (dot <= 0 || !Guid.TryParseExact(value.AsSpan(dot + 1), "N", out holdId))
        {
            return false;
        }
        tripId = value![..dot];
        return true;
    }
}
