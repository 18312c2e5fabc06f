namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// Service days are dates in Bangladesh time. Asia/Dhaka has been UTC+6 all year since 2009 (no daylight saving), so a
/// fixed offset is exact and does not depend on the host's time-zone database.
/// </summary>
public static class ServiceDay
{
    public static readonly TimeSpan DhakaOffset = TimeSpan.FromHours(6);

    /// <summary>The Bangladesh date of an instant.</summary>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(DhakaOffset).DateTime);

    /// <summary>The key of a day's departure board, <c>yyyy-MM-dd</c>.</summary>
    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An instant from a Bangladesh date and local time of day.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), DhakaOffset);
}
