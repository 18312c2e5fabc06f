using DiuParibahan.Grains.Identity;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Bangladeshi mobile numbers in booking data, through the one normaliser (<see cref="PhoneNumber"/>: any Unicode
/// digits, spaces, dashes, <c>+880</c>/<c>880</c>/<c>0</c> prefixes). With the contracts because the frontend normalises
/// a number before looking a booking up by it.
/// </summary>
public static class MobileNumber
{
    /// <summary>The number as <c>+8801XXXXXXXXX</c> (operator digit 3–9), or null if it is not a Bangladeshi mobile number.</summary>
    public static string? Normalize(string? input) => PhoneNumber.TryNormalise(input, out var phone) ? phone : null;

    /// <summary>The last three digits only, for logs and screens that must not show a whole number.</summary>
    public static string Masked(string normalized) => normalized.Length > 3 ? "…" + normalized[^3..] : "…";
}
