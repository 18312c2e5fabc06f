using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// What a person signs in with: a Bangladeshi mobile number, normalised to <c>+8801XXXXXXXXX</c>, or an e-mail
/// address, lower-cased. One account per normalised identifier, however it was typed.
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
        var match = Mobile().Match(Separators().Replace(text, ""));
        login = match.Success ? "+880" + match.Groups["number"].Value : null;
        return login is not null;
    }

    /// <summary>For logs and screens that must not show the whole identifier: <c>+88017******78</c>, <c>a***@example.com</c>.</summary>
    public static string Mask(string login) =>
        login.IndexOf('@') is var at and > 0
            ? login[0] + "***" + login[at..]
            : login.Length > 8 ? login[..6] + new string('*', login.Length - 8) + login[^2..] : "***";

    // Operators use 013-019; the local form is 01XXXXXXXXX (11 digits), written with or without +880 / 880.
    [GeneratedRegex(@"^(?:\+?880|0)?(?<number>1[3-9]\d{8})$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
