using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>Which configured refund policies are accepted, and what a passenger is told when nothing is refunded.</summary>
public sealed class RefundPolicyRulesTests
{
    private static readonly DateTimeOffset Departure = new(2026, 12, 20, 22, 30, 0, TimeSpan.FromHours(6));

    private static RefundPolicy WithTier(int hours, int percent, int tripCancelledPercent = 100) => new()
    {
        Tiers = [new RefundTier { MinNotice = TimeSpan.FromHours(hours), Percent = percent }],
        TripCancelledPercent = tripCancelledPercent,
    };

    [Fact]
    public void IsValid_AcceptsTheBoundaries_NoNoticeAndZeroOrFullPercent()
    {
        Assert.True(WithTier(0, 0).IsValid());
        Assert.True(WithTier(0, 100, tripCancelledPercent: 0).IsValid());
        Assert.True(WithTier(1, 50, tripCancelledPercent: 100).IsValid());
    }

    [Fact]
    public void IsValid_RefusesANegativeNoticeOrPercent_OrATripCancelledPercentOutside0To100()
    {
        Assert.False(WithTier(-1, 50).IsValid());
        Assert.False(WithTier(1, -1).IsValid());
        Assert.False(WithTier(1, 50, tripCancelledPercent: 101).IsValid());
        Assert.False(WithTier(1, 50, tripCancelledPercent: -1).IsValid());
    }

    [Fact]
    public void IsValid_RefusesAPolicyWithOneBadTierAmongGoodOnes()
    {
        var policy = RefundPolicy.Default;
        policy.Tiers.Add(new RefundTier { MinNotice = TimeSpan.FromHours(6), Percent = 150 });

        Assert.False(policy.IsValid());
    }

    [Fact]
    public void Quote_TooLateForAnyTier_TellsTheShortestNoticeThatWouldHaveRefunded()
    {
        var quote = RefundPolicy.Default.Quote(1000, Departure, Departure.AddHours(-1), tripCancelled: false);

        Assert.Equal((0, 0m), (quote.Percent, quote.Amount));
        Assert.Contains("less than 12 hours", quote.Reason);
    }

    [Fact]
    public void Quote_WithNoTiersConfigured_RefundsNothing()
    {
        var quote = new RefundPolicy().Quote(1000, Departure, Departure.AddDays(-10), tripCancelled: false);

        Assert.Equal((0, 0m), (quote.Percent, quote.Amount));
        Assert.Contains("less than 0 hours", quote.Reason);
    }
}
