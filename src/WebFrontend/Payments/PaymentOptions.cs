namespace DiuParibahan.WebFrontend.Payments;

/// <summary>Payment settings independent of the provider (section <c>Payments</c>).</summary>
public sealed class PaymentOptions
{
    /// <summary>
    /// How long a payer has once payment starts; the hold is extended once to cover it, so the seats outlive the payment
    /// form. Default 15 minutes.
    /// </summary>
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(15);
}
