using System.Globalization;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>An inclusive range of Dhaka calendar days a report covers, at most <see cref="MaxDays"/> long.</summary>
public sealed record ReportRange(DateOnly From, DateOnly To)
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;

    /// <summary>
    /// Reads <c>from</c>/<c>to</c> as <c>yyyy-MM-dd</c>. Either may be left out: <c>to</c> defaults to
    /// <paramref name="today"/>, <c>from</c> to <see cref="DefaultDays"/> days ending at <c>to</c>. Returns null
    /// with <paramref name="error"/> set for a malformed date, <c>from</c> after <c>to</c>, or a range over
    /// <see cref="MaxDays"/> days.
    /// </summary>
    public static ReportRange? Parse(string? from, string? to, DateOnly today, out string? error)
    {
        error = null;
        if (!TryDay(to, today, out var end))
        {
            error = "'to' must be a date written yyyy-MM-dd.";
            return null;
        }
        if (!TryDay(from, end.AddDays(1 - DefaultDays), out var start))
        {
            error = "'from' must be a date written yyyy-MM-dd.";
            return null;
        }
        if (start > end)
        {
            error = "'from' must not be after 'to'.";
            return null;
        }
        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            error = $"A report covers at most {MaxDays} days.";
            return null;
        }
        return new ReportRange(start, end);
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
