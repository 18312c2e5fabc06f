namespace DiuParibahan.WebFrontend.Live;

/// <summary>Frontend read replicas of trips (section <c>Replicas</c>).</summary>
public sealed class ReplicaOptions
{
    /// <summary>
    /// Answer seat maps from this frontend's replicas when fresh; a read waits only for the version its own client
    /// sends (<c>minVersion</c>). Off by default: with durable PostgreSQL on the shared 2-core benchmark machine,
    /// replicas on has not yet measured clearly faster than asking the grain (docs/benchmarks.md, Eid section).
    /// Off: every read asks the grain.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// How long a read that asks for a version the replica has not reached yet (read-your-writes, monotonic reads) waits
    /// for it before asking the grain instead. Default 50 ms.
    /// </summary>
    public TimeSpan ReadWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Most trips one frontend keeps replicas of (each costs one grain stream and a few KB). Past it, seat maps of trips
    /// without a replica are read from their grains. Default 5,000.
    /// </summary>
    public int MaxTrips { get; set; } = 5_000;

    /// <summary>A replica nobody views live and nobody has read for this long is dropped with its grain watch. Default 2 min.</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(2);
}
