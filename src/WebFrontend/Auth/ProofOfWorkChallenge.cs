namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// A puzzle handed to a code request: <paramref name="Token"/> is the challenge to hash (opaque to the client, signed by
/// the server), <paramref name="Difficulty"/> the leading zero bits the hash must have, <paramref name="ExpiresAt"/> when
/// the server stops accepting a solution. Good for one code, for the phone it was issued for.
/// </summary>
public sealed record ProofOfWorkChallenge(string Token, int Difficulty, DateTimeOffset ExpiresAt);

/// <summary>A client's answer to a challenge: the challenge token as issued and the counter that solves it.</summary>
public sealed record ProofOfWorkSolution(string Challenge, long Counter);

/// <summary>What checking a solved challenge came to.</summary>
public enum ProofOfWorkVerdict
{
    /// <summary>Signed by us, for this phone, not expired, solved, and now spent.</summary>
    Accepted,

    /// <summary>Not a challenge we signed, issued for another phone, or the counter does not solve it.</summary>
    Invalid,

    /// <summary>Genuine but past its expiry: the client may solve a fresh one.</summary>
    Expired,

    /// <summary>Genuine and solved, but already spent on a code.</summary>
    Reused,

    /// <summary>The memory of spent challenges is full of live ones; nothing can be accepted until some expire.</summary>
    Busy,
}
