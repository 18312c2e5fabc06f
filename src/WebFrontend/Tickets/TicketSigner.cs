using System.Security.Cryptography;
using System.Text;
using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.WebFrontend.Tickets;

/// <summary>
/// The QR payload of an e-ticket: <c>DP2.{pnr}.{tripId}.{seats joined by '-'}.{issue}.{signature}</c>, the signature
/// being the first 16 bytes of HMAC-SHA256 over the rest, base64url; <c>issue</c> is the ticket's issue number (a
/// change reissues the ticket, and older issues verify as superseded). Tickets printed before issue numbers existed
/// (<c>DP1.{pnr}.{tripId}.{seats}.{signature}</c>) still read, as issue 1. Compact enough for a small QR code; a
/// clerk's scanner checks it with <see cref="TryRead"/> and then asks for the booking's current status.
/// </summary>
public sealed class TicketSigner(byte[] key)
{
    private const string Version = "DP2";
    private const string FirstVersion = "DP1";
    private const int SignatureBytes = 16;

    public string Sign(string pnr, string tripId, IReadOnlyList<string> seats, int issue = 1)
    {
        var body = $"{Version}.{pnr}.{tripId}.{string.Join('-', seats)}.{issue}";
        return body + "." + Signature(body);
    }

    /// <summary>The ticket in a payload whose signature checks out, or null for anything else.</summary>
    public SignedTicket? TryRead(string? payload)
    {
        var parts = payload?.Split('.');
        var issue = 1;
        var valid = parts switch
        {
            { Length: 5 } when parts[0] == FirstVersion => true,
            { Length: 6 } when parts[0] == Version => int.TryParse(parts[4], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out issue) && issue >= 1,
            _ => false,
        };
        if (!valid || !PnrFormat.IsWellFormed(parts![1]) || parts[2].Length == 0 || parts[3].Length == 0)
        {
            return null;
        }
        var body = string.Join('.', parts[..^1]);
        var expected = Encoding.ASCII.GetBytes(Signature(body));
        var actual = Encoding.ASCII.GetBytes(parts[^1]);
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? new SignedTicket(parts[1], parts[2], parts[3].Split('-'), issue)
            : null;
    }

    private string Signature(string body) =>
        Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)).AsSpan(0, SignatureBytes));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a valid signature vouches for: this PNR had these seats on this trip in ticket issue <paramref name="Issue"/>.</summary>
public sealed record SignedTicket(string Pnr, string TripId, IReadOnlyList<string> Seats, int Issue = 1);
