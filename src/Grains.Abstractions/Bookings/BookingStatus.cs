namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Where a booking is in its life: PendingPayment → Confirmed → Cancelled → Refunded, or PendingPayment →
/// Expired/PaymentFailed (a late payment can still confirm those, or is refunded). Never renumber: persisted.
/// </summary>
[GenerateSerializer, Alias("BookingStatus")]
public enum BookingStatus
{
    PendingPayment = 0,
    Confirmed = 1,
    Cancelled = 2,
    Refunded = 3,
    Expired = 4,
    PaymentFailed = 5,
}
