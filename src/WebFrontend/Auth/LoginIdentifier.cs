using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Identity;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// What a person signs in with: a Bangladeshi mobile number, normalised to <c>+8801XXXXXXXXX</c>, or an e-mail
/// address, lower-cased. One account per normalised identifier, however it was typed (phones through
/// <see cref="PhoneNumber"/>, so Bangla digits name the same account as ASCII ones).
/// </summary>
public static partial class LoginIdentifier
{
    /// <summary>Normalises <paramref name="input"/>; false if it is neither a Bangladeshi mobile number nor an e-mail address.</summary>
    public static bool TryNormalise(string? input, [NotNullWhen(true)] out string? login)
    {
        login = null;
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254)
        {
            return false;
        }
        if (text.Contains('@'))
        {
            login = Email().IsMatch(text) ? text.ToLowerInvariant() : null;
            return login is not null;
        }
        return PhoneNumber.TryNormalise(text, out login);
    }

    /// <summary>For logs and screens that must not show the whole identifier: <c>+88017******78</c>, <c>a***@example.com</c>.</summary>
    public static string Mask(string login) =>
        login.IndexOf('@') is var at and > 0
            ? login[0] + "***" + login[at..]
            : PhoneNumber.Mask(login);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
