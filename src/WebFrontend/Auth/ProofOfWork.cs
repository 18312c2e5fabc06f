using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// The puzzle a code request pays with when its address is past the free allowance: find a counter such that
/// SHA-256(challenge || counter) starts with <c>difficulty</c> zero bits, where challenge is the ASCII of the challenge
/// token and counter the ASCII decimal digits of a whole number from 0 to 2^53 − 1 (what JavaScript counts exactly).
/// A solver needs about 2^difficulty hashes; checking one takes a single hash. The browser's solver
/// (wwwroot/js/proof-of-work.js) follows the same definition.
/// </summary>
public static class ProofOfWork
{
    /// <summary>The largest counter accepted: 2^53 − 1, so a browser never loses a digit.</summary>
    public const long MaxSolution = (1L << 53) - 1;

    /// <summary>The most zero bits ever asked for; beyond this a phone would never finish.</summary>
    public const int MaxDifficulty = 32;

    /// <summary>How many leading bits of <paramref name="hash"/> are zero.</summary>
    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b != 0)
            {
                return bits + BitOperations.LeadingZeroCount((uint)b) - 24;
            }
            bits += 8;
        }
        return bits;
    }

    /// <summary>True when <paramref name="solution"/> solves <paramref name="challenge"/> at <paramref name="difficulty"/> bits.</summary>
    public static bool Solves(string challenge, long solution, int difficulty)
    {
        if (solution is < 0 or > MaxSolution || difficulty is < 0 or > MaxDifficulty || challenge.Length > 256)
        {
            return false;
        }
        Span<byte> input = stackalloc byte[challenge.Length + 16];
        var length = Encoding.ASCII.GetBytes(challenge, input);
        solution.TryFormat(input[length..], out var digits, provider: CultureInfo.InvariantCulture);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(length + digits)], hash);
        return LeadingZeroBits(hash) >= difficulty;
    }

    /// <summary>
    /// The difficulty for a request that is the <paramref name="requestsThisMinute"/>th from its address this minute,
    /// past a free allowance of <paramref name="allowance"/>: <paramref name="baseBits"/> just past the allowance, one
    /// bit more each time the address's rate quadruples, at most <paramref name="maxBits"/>. Work per code thus grows
    /// with the square root of the rate, and a script's total work with its power 1.5, while an honest user in a crowd
    /// twenty-five times the allowance pays four times the base.
    /// </summary>
    public static int DifficultyFor(double requestsThisMinute, int allowance, int baseBits, int maxBits)
    {
        var ratio = requestsThisMinute / Math.Max(allowance, 1);
        if (!double.IsFinite(ratio))
        {
            // An address the meter had no room to count: past the allowance, at the base price.
            return baseBits;
        }
        var extra = ratio <= 1 ? 0 : (int)Math.Floor(Math.Log2(ratio) / 2);
        return Math.Clamp(baseBits + extra, baseBits, maxBits);
    }
}
