using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>Three ticket resends per booking per Bangladesh calendar day, counted afresh from Dhaka midnight.</summary>
public sealed class TicketResendRulesTests
{
    // 23:30 in Dhaka on 7 December is 17:30 UTC.
    private static readonly DateTimeOffset LateEvening = new(2026, 12, 7, 17, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly December7 = new(2026, 12, 7);

    [Fact]
    public void FirstResendEver_IsAllowed_AndCountsOneOnTheDhakaDay()
    {
        var decision = TicketResendRules.Decide(null, 0, LateEvening);

        Assert.Equal(new TicketResendDecision(true, December7, 1, null), decision);
    }

    [Fact]
    public void FourthResendOnTheSameDhakaDay_IsRefusedUntilDhakaMidnight()
    {
        var decision = TicketResendRules.Decide(December7, 3, LateEvening);

        Assert.False(decision.Allowed);
        Assert.Equal(3, decision.SentToday);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.FromHours(6)), decision.RetryAt);
    }

    [Fact]
    public void AfterDhakaMidnight_TheCountStartsAgain_EvenThoughItIsTheSameUtcDay()
    {
        // 18:00 UTC on 7 December is already 8 December in Dhaka.
        var decision = TicketResendRules.Decide(December7, 3, new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(new TicketResendDecision(true, new DateOnly(2026, 12, 8), 1, null), decision);
    }

    [Fact]
    public void ThirdResendOfTheDay_IsStillAllowed()
    {
        Assert.Equal(new TicketResendDecision(true, December7, 3, null), TicketResendRules.Decide(December7, 2, LateEvening));
    }
}
