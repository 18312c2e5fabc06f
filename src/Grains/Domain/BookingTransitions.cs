using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// Which status changes a booking may make. A payment that succeeds late can still confirm an expired or failed
/// booking (if its seats are free) or move it to Cancelled with a full refund owed; money is never kept without a seat.
/// </summary>
public static class BookingTransitions
{
    private static readonly Dictionary<BookingStatus, BookingStatus[]> Allowed = new()
    {
        [BookingStatus.PendingPayment] = [BookingStatus.Confirmed, BookingStatus.Expired, BookingStatus.PaymentFailed, BookingStatus.Cancelled],
        [BookingStatus.Expired] = [BookingStatus.Confirmed, BookingStatus.Cancelled],
        [BookingStatus.PaymentFailed] = [BookingStatus.Confirmed, BookingStatus.Cancelled],
        [BookingStatus.Confirmed] = [BookingStatus.Cancelled, BookingStatus.Refunded],
        [BookingStatus.Cancelled] = [BookingStatus.Refunded],
        [BookingStatus.Refunded] = [],
    };

    public static bool CanMove(BookingStatus from, BookingStatus to) => Allowed[from].Contains(to);

    /// <summary>Whether a successful payment still needs to be taken into account (it has not been already).</summary>
    public static bool AwaitsPayment(BookingStatus status) =>
        status is BookingStatus.PendingPayment or BookingStatus.Expired or BookingStatus.PaymentFailed;
}
