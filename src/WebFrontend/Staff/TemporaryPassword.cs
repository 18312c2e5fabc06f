using System.Security.Cryptography;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>Passwords ops hand out once: 96 random bits, URL-safe, 16 characters, easy to read out and type.</summary>
public static class TemporaryPassword
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
}
