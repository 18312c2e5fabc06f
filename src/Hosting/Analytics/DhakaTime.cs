namespace DiuParibahan.Hosting.Analytics;

/// <summary>
/// Reports count days and hours in Bangladesh time. Asia/Dhaka is UTC+6 with no daylight saving since 2009, so a
/// fixed offset gives the same answer as the time zone database without depending on it being installed.
/// </summary>
public static class DhakaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(6);

    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    public static int Hour(DateTimeOffset at) => Local(at).Hour;

    public static DateOnly Today(TimeProvider time) => Day(time.GetUtcNow());
}
