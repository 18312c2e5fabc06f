using System.Security.Cryptography;
using DiuParibahan.Hosting.Storage;
using Microsoft.IdentityModel.Tokens;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// The one HMAC key that signs and verifies access tokens: <c>Auth:SigningKey</c> if configured, else (embedded mode
/// only) a random key generated on first start and kept in <c>auth-signing.key</c> next to the SQLite file, so tokens
/// survive a restart.
/// </summary>
public sealed class SigningKeys
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;
    private const int MinKeyBytes = 32;

    public SigningKeys(byte[] key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new StartupException($"Auth:SigningKey must be at least {MinKeyBytes} bytes (base64), got {key.Length}.");
        }
        Key = new SymmetricSecurityKey(key);
    }

    public SymmetricSecurityKey Key { get; }

    public SigningCredentials Credentials => new(Key, Algorithm);

    /// <summary>The configured key; without one, the key file in <paramref name="dataFolder"/> (null in cluster mode: no fallback).</summary>
    public static SigningKeys Resolve(string? configured, string? dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new SigningKeys(Decode(configured, "Auth:SigningKey"));
        }
        if (dataFolder is null)
        {
            throw new StartupException(
                "Auth:SigningKey is required in cluster mode (base64, at least 32 bytes, the same on every frontend).");
        }
        return new SigningKeys(LoadOrCreate(Path.Combine(dataFolder, "auth-signing.key")));
    }

    private static byte[] LoadOrCreate(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return Decode(File.ReadAllText(path).Trim(), path);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var key = RandomNumberGenerator.GetBytes(64);
            // CreateNew: if two processes race on a fresh folder, one fails and re-reads the winner's key.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(path, create))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(Convert.ToBase64String(key));
            }
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot read or create the signing key file '{path}': {e.Message}", e);
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new StartupException($"{source} is not valid base64.", e);
        }
    }
}
