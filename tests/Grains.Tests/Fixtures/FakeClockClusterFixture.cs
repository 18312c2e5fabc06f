using DiuParibahan.Grains.Bookings;
using DiuParibahan.Hosting;
using DiuParibahan.Hosting.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>
/// One in-process silo whose clock is a <see cref="FakeTimeProvider"/>: grains read it and grain timers run on it, so a
/// test moves time forward instead of waiting for it. Its own collection, because moving the clock affects every grain.
/// </summary>
public sealed class FakeClockClusterFixture : IAsyncLifetime
{
    /// <summary>The silo's clock; the silo is in-process, so the configurator below hands it this very instance.</summary>
    public static FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public RecordingEventStore Events => (RecordingEventStore)((InProcessSiloHandle)Cluster.Primary).SiloHost.Services.GetRequiredService<IEventStore>();

    public RecordingNotificationOutbox Notifications =>
        (RecordingNotificationOutbox)((InProcessSiloHandle)Cluster.Primary).SiloHost.Services.GetRequiredService<INotificationOutbox>();

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
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<IEventStore, RecordingEventStore>();
            silo.Services.AddSingleton<INotificationOutbox, RecordingNotificationOutbox>();
            silo.UseInMemoryReminderService();
            silo.AddTicketingGrains(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FakeClockCollection : ICollectionFixture<FakeClockClusterFixture>
{
    public const string Name = "fake-clock cluster";
}
