using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace DiuParibahan.Grains.Identity;

/// <summary>
/// The one normaliser for Bangladeshi mobile numbers, used wherever a phone enters the system (sign-in, registration,
/// booking contact, counter sale, look-up, ops console). Any Unicode decimal digits (Bangla <c>০–৯</c> included),
/// spaces, dashes, dots and brackets are accepted, with a <c>+880</c>, <c>880</c> or <c>0</c> prefix; the result is
/// <c>+8801XXXXXXXXX</c>, so the same number however typed is the same identity.
/// </summary>
public static class PhoneNumber
{
    /// <summary>Longest input considered; anything longer is not a phone number.</summary>
    public const int MaxInputLength = 32;

    /// <summary>Normalises <paramref name="input"/> to <c>+8801XXXXXXXXX</c>; false if it is not a Bangladeshi mobile number.</summary>
    public static bool TryNormalise(string? input, [NotNullWhen(true)] out string? phone)
    {
        phone = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength)
        {
            return false;
        }
        var digits = new StringBuilder(16);
        var plus = false;
        foreach (var c in input.Trim())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber)
            {
                digits.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)));
            }
            else if (c == '+' && digits.Length == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '\u00A0'))
            {
                return false;
            }
        }
        var text = digits.ToString();
        var local = text switch
        {
            { Length: 13 } when text.StartsWith("880", StringComparison.Ordinal) => text[3..],
            { Length: 11 } when !plus && text.StartsWith('0') => text[1..],
            { Length: 10 } when !plus => text,
            _ => null,
        };
        // Operators use 013-019: the national number is 1[3-9] followed by eight digits.
        if (local is not { Length: 10 } || local[0] != '1' || local[1] < '3')
        {
            return false;
        }
        phone = "+880" + local;
        return true;
    }

    /// <summary>The number as <c>+8801XXXXXXXXX</c>, or null if it is not a Bangladeshi mobile number.</summary>
    public static string? Normalize(string? input) => TryNormalise(input, out var phone) ? phone : null;

    /// <summary>The last three digits only (<c>…678</c>), for screens and reports that must not show a whole number.</summary>
    public static string Tail(string normalized) => normalized.Length > 3 ? "…" + normalized[^3..] : "…";

    /// <summary>For logs and screens that must not show the whole number: <c>+88017******78</c>.</summary>
    public static string Mask(string phone) =>
        phone.Length > 8 ? phone[..6] + new string('*', phone.Length - 8) + phone[^2..] : "***";
}
