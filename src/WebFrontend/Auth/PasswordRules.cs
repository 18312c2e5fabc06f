namespace DiuParibahan.WebFrontend.Auth;

/// <summary>What a new password must be: long enough, not absurdly long, and not one of the passwords tried first.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;

    // PBKDF2 hashes any length, but a megabyte password would be a cheap way to burn CPU.
    public const int MaxLength = 128;

    // The most common passwords in public breach lists, plus local favourites; an attacker's first guesses.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "123123123", "11111111", "00000000", "12341234", "87654321",
        "password", "password1", "password123", "passw0rd", "p@ssw0rd", "qwerty123", "qwertyui", "qwerty12",
        "1q2w3e4r", "1qaz2wsx", "abc12345", "abcd1234", "iloveyou", "sunshine", "princess", "football",
        "baseball", "welcome1", "welcome123", "admin123", "letmein1", "trustno1", "dragon12", "monkey12",
        "superman", "whatever", "computer", "internet", "asdfghjk", "zxcvbnm1", "aa123456", "bangladesh",
        "bangladesh1", "dhaka123", "dhaka1234", "diuparibahan", "ticket123", "01712345678", "01711111111",
    };

    /// <summary>Null if <paramref name="password"/> is acceptable, else why not (for the ProblemDetails detail).</summary>
    public static string? Check(string? password) => password switch
    {
        null or { Length: < MinLength } => $"The password must be at least {MinLength} characters long.",
        { Length: > MaxLength } => $"The password must be at most {MaxLength} characters long.",
        _ when Common.Contains(password) => "This password is too common; choose one that is harder to guess.",
        _ => null,
    };
}
