using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Issues and checks the proof-of-work challenges of code requests. A challenge is stateless: the token carries a
/// random nonce, its expiry and difficulty, and an HMAC over those and the phone it was issued for, so any frontend
/// with the same key checks it and it is good for that phone only. What is not stateless is spending: each frontend
/// remembers the challenges spent on it (<see cref="ProofOfWorkSpent"/>); with several frontends one solution could be
/// spent once on each, but only on its own phone, whose resend cool-down then refuses all but one code.
/// </summary>
public sealed class ProofOfWorkChallenges
{
    private const byte Version = 1;
    private const int NonceBytes = 16;
    private const int SignedBytes = 1 + NonceBytes + 8 + 1;
    private const int TokenBytes = SignedBytes + HMACSHA256.HashSizeInBytes;

    /// <summary>Characters in a token (unpadded base64url of its bytes).</summary>
    public static readonly int TokenLength = Base64Url.GetEncodedLength(TokenBytes);

    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;
    private readonly ProofOfWorkSpent _spent;

    /// <param name="key">The HMAC key, the same on every frontend.</param>
    /// <param name="lifetime">How long a challenge may be solved and spent.</param>
    /// <param name="clock">The time expiries are set and checked by.</param>
    /// <param name="spentCapacity">The most spent challenges remembered at once.</param>
    public ProofOfWorkChallenges(byte[] key, TimeSpan lifetime, TimeProvider clock, int spentCapacity)
    {
        _key = key;
        _lifetime = lifetime;
        _clock = clock;
        _spent = new ProofOfWorkSpent(spentCapacity);
    }

    /// <summary>
    /// The challenge key: derived (HKDF) from the token signing key, so every frontend has the same one without
    /// another secret to configure, and it is never itself a token key.
    /// </summary>
    public static byte[] DeriveKey(SigningKeys keys) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Key.Key, 32, info: "diuparibahan otp challenges"u8.ToArray());

    /// <summary>Spent challenges remembered now (for tests of the bound).</summary>
    public int SpentCount => _spent.Count;

    /// <summary>A fresh challenge of <paramref name="difficulty"/> bits for <paramref name="phone"/> (normalised).</summary>
    public ProofOfWorkChallenge Issue(string phone, int difficulty)
    {
        var expiresAt = _clock.GetUtcNow() + _lifetime;
        // Whole seconds: what the token carries, so the expiry reported is the one enforced.
        expiresAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling(expiresAt.ToUnixTimeMilliseconds() / 1000.0));
        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = Version;
        RandomNumberGenerator.Fill(token.Slice(1, NonceBytes));
        BinaryPrimitives.WriteInt64BigEndian(token.Slice(1 + NonceBytes, 8), expiresAt.ToUnixTimeSeconds());
        token[SignedBytes - 1] = (byte)Math.Clamp(difficulty, 0, ProofOfWork.MaxDifficulty);
        Sign(token[..SignedBytes], phone, token[SignedBytes..]);
        return new ProofOfWorkChallenge(Base64Url.EncodeToString(token), token[SignedBytes - 1], expiresAt);
    }

    /// <summary>
    /// Checks that <paramref name="token"/> is ours, for <paramref name="phone"/>, unexpired and solved by
    /// <paramref name="solution"/>, and if so spends it. The signature is checked before anything else, so a forged
    /// token costs us one HMAC and no hashing of the puzzle.
    /// </summary>
    public ProofOfWorkVerdict Check(string? token, string phone, long solution)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (token is null || token.Length != TokenLength
            || Base64Url.DecodeFromChars(token, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != TokenBytes || bytes[0] != Version)
        {
            return ProofOfWorkVerdict.Invalid;
        }
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Sign(bytes[..SignedBytes], phone, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[SignedBytes..]))
        {
            return ProofOfWorkVerdict.Invalid;
        }
        var now = _clock.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(1 + NonceBytes, 8)));
        if (expiresAt <= now)
        {
            return ProofOfWorkVerdict.Expired;
        }
        if (!ProofOfWork.Solves(token, solution, bytes[SignedBytes - 1]))
        {
            return ProofOfWorkVerdict.Invalid;
        }
        return _spent.TrySpend(BinaryPrimitives.ReadUInt128BigEndian(bytes.Slice(1, NonceBytes)), expiresAt, now);
    }

    private void Sign(ReadOnlySpan<byte> signed, string phone, Span<byte> mac)
    {
        var phoneBytes = Encoding.UTF8.GetBytes(phone);
        var input = new byte[signed.Length + phoneBytes.Length];
        signed.CopyTo(input);
        phoneBytes.CopyTo(input, signed.Length);
        HMACSHA256.HashData(_key, input, mac);
    }
}
