using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// How often a passenger may have the ticket SMS sent again: <see cref="PerDhakaDay"/> times per Bangladesh calendar
/// day, counted per booking. The count starts afresh at Dhaka midnight, not 24 hours after the first resend, because
/// that is the day a passenger (and the SMS bill) thinks in.
/// </summary>
public static class TicketResendRules
{
    public const int PerDhakaDay = 3;

    /// <summary>
    /// Whether one more resend is allowed at <paramref name="now"/>, given the day of the last counted resends
    /// (<paramref name="day"/>, null if none) and how many were sent that day. When allowed: the day and count to store
    /// afterwards. When not: the next Dhaka midnight, from which it is allowed again.
    /// </summary>
    public static TicketResendDecision Decide(DateOnly? day, int sentThatDay, DateTimeOffset now)
    {
        var today = ServiceDay.Of(now);
        var sentToday = day == today ? sentThatDay : 0;
        return sentToday < PerDhakaDay
            ? new TicketResendDecision(true, today, sentToday + 1, null)
            : new TicketResendDecision(false, today, sentToday, ServiceDay.At(today.AddDays(1), TimeOnly.MinValue));
    }
}

/// <summary>The outcome of <see cref="TicketResendRules.Decide"/>: the count of the day including this resend when allowed.</summary>
public sealed record TicketResendDecision(bool Allowed, DateOnly Day, int SentToday, DateTimeOffset? RetryAt);
