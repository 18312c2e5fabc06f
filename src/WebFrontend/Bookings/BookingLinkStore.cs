using System.Security.Cryptography;
using System.Text;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// The single-use links booking lookup texts (<c>booking_links</c>): a 256-bit random secret goes into the SMS, only its
/// SHA-256 is stored, with an expiry; redeeming is one conditional UPDATE, so a link opens the booking once, even when
/// two tabs race.
/// </summary>
public sealed class BookingLinkStore(AppDatabase database, TimeProvider clock)
{
    /// <summary>Stores a new link to <paramref name="pnr"/> valid for <paramref name="lifetime"/> and returns its secret.</summary>
    public Task<string> IssueAsync(string pnr, TimeSpan lifetime, CancellationToken ct = default)
    {
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        return database.RunAsync(async (connection, token) =>
        {
            await using var insert = SqlCommands.Command(connection,
                "INSERT INTO booking_links (secret_hash, pnr, created_at, expires_at) VALUES (@hash, @pnr, @now, @expires)",
                ("@hash", Hash(secret)), ("@pnr", pnr), ("@now", now.ToUnixTimeMilliseconds()),
                ("@expires", (now + lifetime).ToUnixTimeMilliseconds()));
            await insert.ExecuteNonQueryAsync(token);
            return secret;
        }, ct);
    }

    /// <summary>Spends the link: its PNR the first time within its lifetime, null if unknown, expired or used.</summary>
    public Task<string?> RedeemAsync(string secret, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return database.RunAsync(async (connection, token) =>
        {
            await using var spend = SqlCommands.Command(connection,
                "UPDATE booking_links SET used_at = @now WHERE secret_hash = @hash AND used_at IS NULL AND expires_at > @now RETURNING pnr",
                ("@now", now), ("@hash", Hash(secret)));
            return await spend.ExecuteScalarAsync(token) as string;
        }, ct);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
