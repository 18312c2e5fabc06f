namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// A stored account. <paramref name="Login"/> is the normalised identifier; <paramref name="CounterId"/> is set for
/// clerks (and supervisors who sell); <paramref name="DisabledAt"/> is set when ops disabled a staff account;
/// <paramref name="PasswordChangeRequired"/> while the password is a temporary one ops handed out;
/// <paramref name="PhoneVerifiedAt"/> is when the login (a mobile number) was last proven by an SMS code.
/// </summary>
public sealed record UserAccount(
    string Id, string Login, string DisplayName, string PasswordHash, string Role, string? CounterId, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt = null, bool PasswordChangeRequired = false, DateTimeOffset? PhoneVerifiedAt = null)
{
    /// <summary>The verified mobile number (<c>+8801XXXXXXXXX</c>), or null while the phone is unproven.</summary>
    public string? VerifiedPhone => PhoneVerifiedAt is not null && Login.StartsWith('+') ? Login : null;
}
