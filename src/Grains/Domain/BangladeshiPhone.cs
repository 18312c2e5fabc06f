using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Domain;

/// <summary>Bangladeshi mobile numbers; the rules live in <see cref="MobileNumber"/> with the contracts, which the frontend shares.</summary>
public static class BangladeshiPhone
{
    /// <summary>The number as <c>+8801XXXXXXXXX</c> (operator digit 3–9), or null if it is not a Bangladeshi mobile number.</summary>
    public static string? Normalize(string? input) => MobileNumber.Normalize(input);

    /// <summary>The last three digits only, for logs and screens that must not show a whole number.</summary>
    public static string Masked(string normalized) => MobileNumber.Masked(normalized);
}
