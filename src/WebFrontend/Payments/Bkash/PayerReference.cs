using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Identity;
using DiuParibahan.WebFrontend.Auth;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// The wallet number bKash pre-fills on its page (<c>payerReference</c>), in the local 11-digit form
/// <c>01XXXXXXXXX</c>: the verified phone of the booking's owner, the number sign-in proved by SMS code (the same one
/// online holds are counted against), not the contact phone typed on the form, which anyone can set to anyone's
/// number. Only a booking whose owner has no verified phone (one a clerk or ops made for someone else) falls back to
/// its contact phone, and one without a Bangladeshi contact phone to its PNR, which bKash accepts as a reference
/// and which pre-fills nothing. This is the one place that decides.
/// </summary>
public sealed class PayerReference(UserStore users)
{
    private const string UserOwnerPrefix = "user:";

    public async Task<string> ForAsync(BookingView booking, CancellationToken ct)
    {
        if (await VerifiedPhoneOfOwnerAsync(booking.OwnerId, ct) is { } verified)
        {
            return Local(verified);
        }
        return PhoneNumber.TryNormalise(booking.Contact.Phone, out var contact) && contact.StartsWith("+88", StringComparison.Ordinal)
            ? Local(contact)
            : booking.Pnr;
    }

    private async Task<string?> VerifiedPhoneOfOwnerAsync(string ownerId, CancellationToken ct) =>
        ownerId.StartsWith(UserOwnerPrefix, StringComparison.Ordinal)
        && await users.FindByIdAsync(ownerId[UserOwnerPrefix.Length..], ct) is { VerifiedPhone: { } phone }
        && PhoneNumber.TryNormalise(phone, out var normalised) && normalised.StartsWith("+88", StringComparison.Ordinal)
            ? normalised
            : null;

    private static string Local(string phone) => phone[3..];
}
