using System.Security.Cryptography;
using System.Text;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Auth;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Who may see and change a booking: its owner (the owner id that made it: the visitor's cookie or the signed-in
/// user) or whoever presents its guest token (<c>?token=</c> or <c>X-Booking-Token</c>). Everyone else gets the same
/// 404 as for a PNR that does not exist, so PNRs cannot be probed. Staff (clerks, supervisors and ops) may see and act on any
/// booking: a clerk reprints or cancels a ticket for a passenger standing at the counter.
/// </summary>
public static class BookingAccess
{
    public const string TokenHeader = "X-Booking-Token";

    public sealed record Access(BookingView Booking, bool IsOwner);

    public static async Task<Access?> FindAsync(string pnr, HttpContext http, IGrainFactory grains)
    {
        if (!PnrFormat.IsWellFormed(pnr) || await grains.GetGrain<IBookingGrain>(pnr).GetAsync() is not { } booking)
        {
            return null;
        }
        if (OwnerResolver.Find(http) == booking.OwnerId)
        {
            return new(booking, true);
        }
        if (Roles.IsStaff(http.User))
        {
            return new(booking, false);
        }
        var token = http.Request.Headers[TokenHeader].FirstOrDefault() ?? http.Request.Query["token"].FirstOrDefault();
        return token is not null && TokensMatch(token, booking.Token) ? new(booking, false) : null;
    }

    /// <summary>Who to record as having acted on the booking (never the token itself).</summary>
    public static string Actor(HttpContext http) => OwnerResolver.Find(http) ?? "guest-token";

    private static bool TokensMatch(string given, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(actual));
}
