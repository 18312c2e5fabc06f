namespace DiuParibahan.Grains.Payments;

/// <summary>
/// A wallet payment created at the provider and not yet settled: provider id <paramref name="Reference"/> (a bKash
/// paymentID) for booking <paramref name="Pnr"/>, our invoice number <paramref name="Invoice"/>, the amount asked for
/// in poisha, and when it was created. <paramref name="ExecuteSent"/> is true once an execute went out whose outcome
/// is unknown (timed out): from then on the payment is only ever queried, never executed again.
/// <paramref name="ClaimedUntil"/> keeps other reconcilers off it while one is checking it.
/// </summary>
[GenerateSerializer, Immutable, Alias("PendingPayment")]
public sealed record PendingPayment(
    [property: Id(0)] string Reference,
    [property: Id(1)] string Pnr,
    [property: Id(2)] string Invoice,
    [property: Id(3)] long AmountPoisha,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool ExecuteSent = false,
    [property: Id(6)] DateTimeOffset? ClaimedUntil = null);
