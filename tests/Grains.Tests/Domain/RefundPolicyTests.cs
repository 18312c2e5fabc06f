using DiuParibahan.Grains.Domain;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class RefundPolicyTests
{
    private static readonly DateTimeOffset Departure = new(2026, 12, 20, 22, 30, 0, TimeSpan.FromHours(6));
    private const int Fare = 1250;

    private static RefundQuote QuoteAt(TimeSpan beforeDeparture, bool tripCancelled = false)
    {
        var clock = new FakeTimeProvider(Departure - beforeDeparture);
        return RefundPolicy.Default.Quote(Fare, Departure, clock.GetUtcNow(), tripCancelled);
    }

    [Theory]
    [InlineData(72 * 60, 90)]
    [InlineData(48 * 60, 90)]
    [InlineData(48 * 60 - 1, 75)]
    [InlineData(24 * 60, 75)]
    [InlineData(24 * 60 - 1, 50)]
    [InlineData(12 * 60, 50)]
    [InlineData(12 * 60 - 1, 0)]
    [InlineData(1, 0)]
    public void Quote_AtEachPolicyBoundary_RefundsThePublishedPercent(int minutesBefore, int percent)
    {
        var quote = QuoteAt(TimeSpan.FromMinutes(minutesBefore));

        Assert.Equal(percent, quote.Percent);
        Assert.Equal(Fare * percent / 100m, quote.Amount);
    }

    [Fact]
    public void Quote_48HoursBeforeDeparture_Refunds90PercentExactToThePoisha()
    {
        var clock = new FakeTimeProvider(Departure.AddHours(-48));

        var quote = RefundPolicy.Default.Quote(1255, Departure, clock.GetUtcNow(), tripCancelled: false);

        Assert.Equal(1129.50m, quote.Amount);
    }

    [Fact]
    public void Quote_WhenTheClockPassesTheBoundary_DropsToTheNextTier()
    {
        var clock = new FakeTimeProvider(Departure.AddHours(-24));
        Assert.Equal(75, RefundPolicy.Default.Quote(Fare, Departure, clock.GetUtcNow(), false).Percent);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(50, RefundPolicy.Default.Quote(Fare, Departure, clock.GetUtcNow(), false).Percent);
    }

    [Fact]
    public void Quote_ForATripCancelledByOperations_RefundsEverythingEvenAtTheLastMinute()
    {
        var quote = QuoteAt(TimeSpan.FromMinutes(5), tripCancelled: true);

        Assert.Equal(100, quote.Percent);
        Assert.Equal(Fare, quote.Amount);
    }

    [Fact]
    public void Quote_WithAConfiguredPolicy_UsesItsTiers()
    {
        var policy = new RefundPolicy { Tiers = [new RefundTier { MinNotice = TimeSpan.FromHours(6), Percent = 60 }] };

        Assert.Equal(60, policy.Quote(Fare, Departure, Departure.AddHours(-6), false).Percent);
        Assert.Equal(0, policy.Quote(Fare, Departure, Departure.AddHours(-5), false).Percent);
    }

    [Fact]
    public void IsValid_RejectsPercentsOver100()
    {
        Assert.False(new RefundPolicy { Tiers = [new RefundTier { MinNotice = TimeSpan.FromHours(1), Percent = 120 }] }.IsValid());
        Assert.True(RefundPolicy.Default.IsValid());
    }
}
