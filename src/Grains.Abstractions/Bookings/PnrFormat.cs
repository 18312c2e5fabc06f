using System.Security.Cryptography;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Passenger name records such as <c>DP-7K3M9Q</c>: six characters from an alphabet without look-alikes (no 0/O, 1/I/L)
/// so they survive being read out over the phone. A booking's PNR is derived from its hold, so retrying the same
/// booking request lands on the same booking instead of making a second one for the same seats. Kept with the grain
/// contracts because the frontend derives the PNR (the booking grain's key) before it calls the grain.
/// </summary>
public static class PnrFormat
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const string Prefix = "DP-";
    private const int Length = 6;

    /// <summary>The PNR of the booking made from hold <paramref name="holdId"/>, optionally for a later attempt.</summary>
    public static string ForHold(Guid holdId, int attempt = 0)
    {
        Span<byte> input = stackalloc byte[20];
        holdId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], attempt);
        return Encode(SHA256.HashData(input));
    }

    /// <summary>The PNR of clerk <paramref name="clerkId"/>'s counter sale <paramref name="requestId"/>, so a retry lands on the same booking.</summary>
    public static string ForCounterSale(string clerkId, string requestId, int attempt = 0) =>
        Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"counter\n{clerkId}\n{requestId}\n{attempt}")));

    /// <summary>A random PNR.</summary>
    public static string New() => Encode(RandomNumberGenerator.GetBytes(8));

    /// <summary>Whether <paramref name="value"/> has the shape of a PNR (case-sensitive, upper case).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 9 } && value.StartsWith(Prefix, StringComparison.Ordinal) && value[3..].All(c => Alphabet.Contains(c));

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        var number = BitConverter.ToUInt64(bytes[..8]);
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[(int)(number % (ulong)Alphabet.Length)];
            number /= (ulong)Alphabet.Length;
        }
        return Prefix + new string(chars);
    }
}
