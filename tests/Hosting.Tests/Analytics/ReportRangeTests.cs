using DiuParibahan.Hosting.Analytics;

namespace DiuParibahan.Hosting.Tests.Analytics;

public sealed class ReportRangeTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void Parse_NoDates_IsTheLast30DaysEndingToday()
    {
        Assert.Equal(new ReportRange(new DateOnly(2026, 10, 29), Today), ReportRange.Parse(null, null, Today, out _));
    }

    [Theory]
    [InlineData("2026-13-01", "2026-12-01", "'from'")]
    [InlineData("2026-01-01", "27/11/2026", "'to'")]
    [InlineData("2026-03-02", "2026-03-01", "after")]
    [InlineData("2025-01-01", "2026-01-02", "366")]
    public void Parse_BadRange_IsRefusedWithAReason(string from, string to, string reason)
    {
        Assert.Null(ReportRange.Parse(from, to, Today, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Parse_AFullLeapYear_IsAccepted()
    {
        Assert.NotNull(ReportRange.Parse("2028-01-01", "2028-12-31", Today, out _));
    }

    [Fact]
    public void DhakaDay_IsSixHoursAheadOfUtc()
    {
        var lateUtc = new DateTimeOffset(2026, 3, 10, 18, 30, 0, TimeSpan.Zero);
        Assert.Equal((new DateOnly(2026, 3, 11), 0), (DhakaTime.Day(lateUtc), DhakaTime.Hour(lateUtc)));
    }
}
