using Orleans.Configuration;

namespace DiuParibahan.Hosting.Cluster;

/// <summary>
/// Membership and gateway timings for cluster mode, tuned so a silo killed during the Eid rush is declared dead and its
/// trips reactivate elsewhere within about 10 s (the Orleans defaults take 30–60 s). All silos of a cluster must agree.
/// </summary>
public static class ClusterMembershipTuning
{
    /// <summary>Silo side: probe fast, vote fast, publish liveness often enough for the table to be trusted.</summary>
    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo) =>
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A probe is a ping over an already-open connection on loopback or one data-centre network: 2 s without an
            // answer is a dead or frozen process, not a slow one. Three misses → suspect after ~6 s.
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            // Two votes where possible; Orleans lowers the quorum itself when fewer silos are alive (2-silo clusters).
            o.NumVotesForDeathDeclaration = 2;
            // Votes older than this are ignored: long enough to gather two votes from probe rounds, short enough that a
            // stale suspicion does not later combine with a fresh one against a healthy silo.
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            // Every silo rereads the table this often, so it learns of deaths and joins it did not vote on quickly.
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            // IAmAlive rows let new silos and clients skip silos that stopped writing (e.g. whose whole host vanished).
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            // Dead rows are cleaned after a day, so the status table still shows the recent kill.
            o.DefunctSiloExpiration = TimeSpan.FromDays(1);
        });

    /// <summary>
    /// Client side (web frontends): reread the gateway list often so a dead silo's gateway is dropped and a new silo's
    /// gateway used within seconds, and keep retrying to connect instead of failing start-up while silos restart.
    /// </summary>
    public static IClientBuilder UseFastGatewayRefresh(this IClientBuilder client) =>
        client.Configure<GatewayOptions>(o =>
        {
            o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);
        })
        .Configure<ClientMessagingOptions>(o =>
        {
            // A call stuck on a dead silo fails (→ 503, retried by the caller) instead of waiting the default 30 s.
            o.ResponseTimeout = TimeSpan.FromSeconds(10);
        })
        .UseConnectionRetryFilter(RetryForever);

    // The frontend's readiness stays red until a gateway answers, so nginx sends it nothing meanwhile.
    private static async Task<bool> RetryForever(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
