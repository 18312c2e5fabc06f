using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Identity;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// The wallet number bKash pre-fills on its page (<c>payerReference</c>): the passenger's phone in the local
/// 11-digit form <c>01XXXXXXXXX</c>. Today that is the booking's contact phone; once sign-in verifies a phone, the
/// verified one goes here instead (this is the one place that decides).
/// </summary>
public static class PayerReference
{
    public static string For(BookingView booking) =>
        PhoneNumber.TryNormalise(booking.Contact.Phone, out var phone) && phone.StartsWith("+88", StringComparison.Ordinal)
            ? phone[3..]
            : booking.Pnr;
}
