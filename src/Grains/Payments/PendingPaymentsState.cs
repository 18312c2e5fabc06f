namespace DiuParibahan.Grains.Payments;

[GenerateSerializer, Alias("PendingPaymentsState")]
public sealed class PendingPaymentsState
{
    [Id(0)] public Dictionary<string, PendingPayment> Payments { get; set; } = new(StringComparer.Ordinal);
}
