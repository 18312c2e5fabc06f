namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// The challenges spent on this frontend, each remembered until it expires (after that its signature refuses it
/// anyway), so a solution buys one code. Bounded: at most <c>capacity</c> entries; when full of live ones, nothing more
/// is accepted until the oldest expire. Entries arrive in nearly expiry order (one lifetime for all challenges), so
/// they leave from the front of a queue without a scan; one queued behind a later expiry is kept a little longer than
/// needed, never shorter.
/// </summary>
public sealed class ProofOfWorkSpent(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UInt128, long> _expiries = [];
    private readonly Queue<(UInt128 Nonce, long ExpiresAt)> _order = new();

    /// <summary>Live entries now remembered.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiries.Count;
            }
        }
    }

    /// <summary>
    /// Records <paramref name="nonce"/> as spent until <paramref name="expiresAt"/>; <see cref="ProofOfWorkVerdict.Reused"/>
    /// if it already was, <see cref="ProofOfWorkVerdict.Busy"/> if the memory is full of live entries.
    /// </summary>
    public ProofOfWorkVerdict TrySpend(UInt128 nonce, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        lock (_gate)
        {
            Prune(now.UtcTicks);
            if (_expiries.ContainsKey(nonce))
            {
                return ProofOfWorkVerdict.Reused;
            }
            if (_expiries.Count >= capacity)
            {
                return ProofOfWorkVerdict.Busy;
            }
            _expiries[nonce] = expiresAt.UtcTicks;
            _order.Enqueue((nonce, expiresAt.UtcTicks));
            return ProofOfWorkVerdict.Accepted;
        }
    }

    private void Prune(long now)
    {
        while (_order.TryPeek(out var oldest) && oldest.ExpiresAt <= now)
        {
            _order.Dequeue();
            _expiries.Remove(oldest.Nonce);
        }
    }
}
