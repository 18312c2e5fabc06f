namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Bangladeshi mobile numbers: <c>01712345678</c>, <c>+8801712345678</c> or <c>8801712345678</c>, spaces and dashes
/// allowed. With the contracts because the frontend normalises a number before looking a booking up by it.
/// </summary>
public static class MobileNumber
{
    /// <summary>The number as <c>+8801XXXXXXXXX</c> (operator digit 3–9), or null if it is not a Bangladeshi mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.StartsWith('+'))
        {
            digits = digits[1..];
        }
        if (digits.StartsWith("880", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        var valid = digits.Length == 11 && digits.All(char.IsAsciiDigit) && digits.StartsWith("01", StringComparison.Ordinal)
                    && digits[2] is >= '3' and <= '9';
        return valid ? "+88" + digits : null;
    }

    /// <summary>The last three digits only, for logs and screens that must not show a whole number.</summary>
    public static string Masked(string normalized) => normalized.Length > 3 ? "…" + normalized[^3..] : "…";
}
