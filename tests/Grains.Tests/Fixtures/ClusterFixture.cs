using DiuParibahan.Grains.Bookings;
using DiuParibahan.Hosting;
using DiuParibahan.Hosting.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>
/// One in-process silo with fault-injecting memory storage as the product's default storage. Online holds last 3 s
/// here so expiry can be observed in real time; counter holds keep their long default.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan OnlineHold = TimeSpan.FromSeconds(3);

    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The events the silo appended (booking transitions).</summary>
    public RecordingEventStore Events => (RecordingEventStore)((InProcessSiloHandle)Cluster.Primary).SiloHost.Services.GetRequiredService<IEventStore>();

    /// <summary>The notifications the booking grains handed over.</summary>
    public RecordingNotificationOutbox Notifications =>
        (RecordingNotificationOutbox)((InProcessSiloHandle)Cluster.Primary).SiloHost.Services.GetRequiredService<INotificationOutbox>();

    /// <summary>Stalls chosen grains' writes (see <see cref="WriteGate"/>).</summary>
    public WriteGate Writes => ((InProcessSiloHandle)Cluster.Primary).SiloHost.Services.GetRequiredService<WriteGate>();

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddFaultInjectionMemoryStorage(StorageNames.Default);
            WriteGate.Install(silo.Services, StorageNames.Default);
            silo.Services.AddSingleton<IEventStore, RecordingEventStore>();
            silo.Services.AddSingleton<INotificationOutbox, RecordingNotificationOutbox>();
            silo.UseInMemoryReminderService();
            silo.AddTicketingGrains(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Trips:OnlineHoldDuration"] = OnlineHold.ToString(),
                    ["Trips:MaxCounterHoldsPerOwner"] = "50",
                })
                .Build());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
