using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Domain;

/// <summary>Passenger name records; the shape and derivation live in <see cref="PnrFormat"/> with the contracts, which the frontend shares.</summary>
public static class Pnr
{
    public const string Alphabet = PnrFormat.Alphabet;

    /// <summary>The PNR of the booking made from hold <paramref name="holdId"/>, optionally for a later attempt.</summary>
    public static string ForHold(Guid holdId, int attempt = 0) => PnrFormat.ForHold(holdId, attempt);

    /// <summary>The PNR of clerk <paramref name="clerkId"/>'s counter sale <paramref name="requestId"/>, so a retry lands on the same booking.</summary>
    public static string ForCounterSale(string clerkId, string requestId, int attempt = 0) => PnrFormat.ForCounterSale(clerkId, requestId, attempt);

    /// <summary>A random PNR.</summary>
    public static string New() => PnrFormat.New();

    /// <summary>Whether <paramref name="value"/> has the shape of a PNR (case-sensitive, upper case).</summary>
    public static bool IsWellFormed(string? value) => PnrFormat.IsWellFormed(value);
}
