namespace DiuParibahan.Grains.Domain;

/// <summary>
/// How much of the fare a cancellation returns, by time left before departure from the boarding stop (configuration
/// section <c>Bookings:Refunds</c>). Tiers are checked from the longest notice down; a tier applies when at least
/// <see cref="RefundTier.MinNotice"/> is left. A trip cancelled by operations refunds <see cref="TripCancelledPercent"/>.
/// </summary>
public sealed class RefundPolicy
{
    public List<RefundTier> Tiers { get; set; } = [];

    public int TripCancelledPercent { get; set; } = 100;

    /// <summary>The company's published policy: ≥48 h 90 %, 24–48 h 75 %, 12–24 h 50 %, less than 12 h nothing.</summary>
    public static RefundPolicy Default => new()
    {
        Tiers =
        [
            new RefundTier { MinNotice = TimeSpan.FromHours(48), Percent = 90 },
            new RefundTier { MinNotice = TimeSpan.FromHours(24), Percent = 75 },
            new RefundTier { MinNotice = TimeSpan.FromHours(12), Percent = 50 },
        ],
    };

    public bool IsValid() =>
        Tiers.All(t => t.MinNotice >= TimeSpan.Zero && t.Percent is >= 0 and <= 100) && TripCancelledPercent is >= 0 and <= 100;

    /// <summary>
    /// The refund for cancelling a booking of <paramref name="fareTaka"/> at <paramref name="now"/>. The amount is in
    /// taka, exact to the poisha (fare × percent / 100).
    /// </summary>
    public RefundQuote Quote(int fareTaka, DateTimeOffset departure, DateTimeOffset now, bool tripCancelled)
    {
        if (tripCancelled)
        {
            return new(TripCancelledPercent, Amount(fareTaka, TripCancelledPercent), "The trip was cancelled by the operator.");
        }
        var notice = departure - now;
        foreach (var tier in Tiers.OrderByDescending(t => t.MinNotice))
        {
            if (notice >= tier.MinNotice)
            {
                return new(tier.Percent, Amount(fareTaka, tier.Percent),
                    $"Cancelled at least {tier.MinNotice.TotalHours:0.#} hours before departure: {tier.Percent}% refund.");
            }
        }
        var shortest = Tiers.Count == 0 ? TimeSpan.Zero : Tiers.Min(t => t.MinNotice);
        return new(0, 0m, $"Cancelled less than {shortest.TotalHours:0.#} hours before departure: no refund.");
    }

    private static decimal Amount(int fareTaka, int percent) => fareTaka * percent / 100m;
}

/// <summary>Refund <see cref="Percent"/> of the fare when at least <see cref="MinNotice"/> is left before departure.</summary>
public sealed class RefundTier
{
    public TimeSpan MinNotice { get; set; }
    public int Percent { get; set; }
}

/// <summary>A refund: <paramref name="Percent"/> of the fare, <paramref name="Amount"/> in taka, and why.</summary>
public sealed record RefundQuote(int Percent, decimal Amount, string Reason);
