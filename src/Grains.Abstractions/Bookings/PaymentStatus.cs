namespace DiuParibahan.Grains.Bookings;

/// <summary>Where the money of a booking is. Never renumber: persisted.</summary>
[GenerateSerializer, Alias("PaymentStatus")]
public enum PaymentStatus
{
    RequiresPayment = 0,
    Succeeded = 1,
    Failed = 2,
    Refunded = 3,
}
