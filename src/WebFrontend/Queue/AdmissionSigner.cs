using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>What a presented admission proves for a window and phone.</summary>
public enum AdmissionCheck
{
    Missing,
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Signed admissions: <c>QA1.{windowId}.{phone digits}.{expiry, Unix seconds}.{signature}</c>, the signature being the
/// first 16 bytes of HMAC-SHA256 over the rest, base64url (the ticket's scheme). A hold checks one without asking a
/// grain: it must be signed by us, name the hold's window and the caller's verified phone, and not have expired.
/// </summary>
public sealed class AdmissionSigner(byte[] key)
{
    private const string Version = "QA1";
    private const int SignatureBytes = 16;

    public string Sign(string windowId, string phone, DateTimeOffset until)
    {
        var body = string.Join('.', Version, windowId, phone.TrimStart('+'), until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return body + "." + Signature(body);
    }

    public AdmissionCheck Check(string? token, string windowId, string phone, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return AdmissionCheck.Missing;
        }
        var parts = token.Split('.');
        if (parts.Length != 5 || parts[0] != Version
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return AdmissionCheck.Invalid;
        }
        var body = string.Join('.', parts[..^1]);
        var signed = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(body)), Encoding.ASCII.GetBytes(parts[4]));
        // An admission for another window or phone is as good as a forged one here.
        if (!signed || parts[1] != windowId || parts[2] != phone.TrimStart('+'))
        {
            return AdmissionCheck.Invalid;
        }
        return DateTimeOffset.FromUnixTimeSeconds(expiry) > now ? AdmissionCheck.Valid : AdmissionCheck.Expired;
    }

    private string Signature(string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)).AsSpan(0, SignatureBytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
