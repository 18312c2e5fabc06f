using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Queue;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>
/// What ops may announce: opening in the future, known routes and days, a sane rate and validity, an optional counter
/// cap in range, no overlap.
/// </summary>
public sealed class SaleWindowRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] Routes = ["dhk-kol", "dhk-syl"];

    private static SaleWindowInput Input(
        DateTimeOffset? opensAt = null, string[]? routes = null, DateOnly[]? days = null, int perMinute = 100, TimeSpan? validity = null) =>
        new(routes ?? ["dhk-kol"], days ?? [new DateOnly(2026, 12, 24)], opensAt ?? Now.AddDays(1), perMinute,
            validity ?? TimeSpan.FromMinutes(10));

    private static SaleWindow Existing(string route, DateOnly day, SaleWindowStatus status = SaleWindowStatus.Announced) =>
        new("w-old", [route], [day], Now.AddDays(2), 50, TimeSpan.FromMinutes(10), status, Now, null);

    private static SaleWindowFailure? Check(SaleWindowInput input, params SaleWindow[] others) =>
        SaleWindowRules.Check(input, Routes, others, Now);

    [Fact]
    public void ValidWindow_IsAccepted() => Assert.Null(Check(Input()));

    [Theory]
    [InlineData(0, "opensAt")]
    [InlineData(-60, "opensAt")]
    public void OpeningNotInTheFuture_IsInvalid(int minutes, string field)
    {
        var failure = Check(Input(opensAt: Now.AddMinutes(minutes)));

        Assert.Equal(SaleWindowErrorCode.InvalidSaleWindow, failure!.Code);
        Assert.Contains(field, failure.Detail);
    }

    [Fact]
    public void NoRoutes_UnknownRoute_OrRepeatedRoute_IsInvalid()
    {
        Assert.Contains("routeIds", Check(Input(routes: []))!.Detail);
        Assert.Contains("not a route", Check(Input(routes: ["nowhere"]))!.Detail);
        Assert.Contains("twice", Check(Input(routes: ["dhk-kol", "dhk-kol"]))!.Detail);
    }

    [Fact]
    public void NoDays_OrADayBeforeTheOpening_IsInvalid()
    {
        Assert.Contains("travelDates", Check(Input(days: []))!.Detail);
        Assert.Contains("travelDates", Check(Input(days: [new DateOnly(2026, 11, 30)]))!.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_001)]
    public void RateOutOfRange_IsInvalid(int perMinute) =>
        Assert.Contains("admissionPerMinute", Check(Input(perMinute: perMinute))!.Detail);

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(60 * 60 * 3)]
    public void ValidityOutOfRange_IsInvalid(int seconds) =>
        Assert.Contains("admissionValidity", Check(Input(validity: TimeSpan.FromSeconds(seconds)))!.Detail);

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(SaleWindowRules.MaxCounterSeatsPerTrip)]
    public void CounterCap_NoneOrInRange_IsAccepted(int? cap) =>
        Assert.Null(Check(Input() with { CounterSeatsPerTrip = cap }));

    [Theory]
    [InlineData(-1)]
    [InlineData(SaleWindowRules.MaxCounterSeatsPerTrip + 1)]
    public void CounterCapOutOfRange_IsInvalid(int cap)
    {
        var failure = Check(Input() with { CounterSeatsPerTrip = cap });

        Assert.Equal(SaleWindowErrorCode.InvalidSaleWindow, failure!.Code);
        Assert.Contains("counterSeatsPerTrip", failure.Detail);
    }

    [Fact]
    public void SameRouteAndDay_AsAnAnnouncedWindow_Overlaps()
    {
        var failure = Check(Input(routes: ["dhk-syl", "dhk-kol"]), Existing("dhk-kol", new DateOnly(2026, 12, 24)));

        Assert.Equal(SaleWindowErrorCode.SaleWindowOverlap, failure!.Code);
        Assert.Contains("w-old", failure.Detail);
    }

    [Fact]
    public void OtherDay_OtherRoute_OrAClosedWindow_DoesNotOverlap()
    {
        Assert.Null(Check(Input(), Existing("dhk-kol", new DateOnly(2026, 12, 25))));
        Assert.Null(Check(Input(), Existing("dhk-syl", new DateOnly(2026, 12, 24))));
        Assert.Null(Check(Input(), Existing("dhk-kol", new DateOnly(2026, 12, 24), SaleWindowStatus.Closed)));
    }
}
