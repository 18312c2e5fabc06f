using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Hosting.Tests.Grains;
using DiuParibahan.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace DiuParibahan.Hosting.Tests.Storage;

public sealed class PostgresClusteringTests(PostgresServer server)
{
    [Fact]
    public async Task TwoSilosFormACluster_AClientFindsThemInPostgres_AndADeadSiloRowIsCleanedUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestDatabase.CreateAsync(server);
        await using var first = await TestSilo.StartAsync(database);
        await using var second = await TestSilo.StartAsync(database);

        using var clientHost = BuildClient(database.ConnectionString);
        await clientHost.StartAsync(ct);
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        // Read from the table itself (the management grain refreshes before answering), not a gossip view.
        var hosts = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        Assert.Equal(2, hosts.Length);
        Assert.Equal(1, await client.GetGrain<ICounterGrain>("via-gateway").IncrementAsync());
        Assert.Equal(1, await first.Grains.GetGrain<ICounterGrain>("via-gateway").GetAsync());

        // A gracefully stopped silo leaves a Dead row; the 10.4.2 per-row cleanup deletes it.
        await second.DisposeAsync();
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 6"));
        var membership = first.Services.GetRequiredService<IMembershipTable>();
        await membership.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), ct);
        Assert.Equal(0, await database.CountAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 6"));
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM orleansmembershiptable WHERE status = 3"));

        await clientHost.StopAsync(ct);
    }

    private static IHost BuildClient(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UsePostgresClustering(connectionString)
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "diu-tests";
                options.ServiceId = "diu-tests";
            }));
        return builder.Build();
    }
}
