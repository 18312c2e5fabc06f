namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>Settings of the background refund sweep (section <c>Refunds</c>).</summary>
public sealed class RefundSweepOptions
{
    /// <summary>
    /// How often each frontend pays back the refunds bookings still owe. Default one minute: a refund left behind by a
    /// crash between a cancellation and its payout, or by a provider outage, is paid within minutes without anyone
    /// reading the booking.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
