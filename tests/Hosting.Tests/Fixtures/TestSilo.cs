using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace DiuParibahan.Hosting.Tests.Fixtures;

/// <summary>A real generic host running one silo (with its co-hosted client), started and stopped like production.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private bool _disposed;

    private TestSilo(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Builds and starts a host whose silo is configured by <paramref name="configure"/>, with extra configuration
    /// <paramref name="settings"/> (e.g. <c>Storage:RestoreFrom</c>).
    /// </summary>
    public static async Task<TestSilo> StartAsync(Action<ISiloBuilder> configure, string clusterId = "diu-tests",
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var host = Build(configure, clusterId, settings);
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host);
    }

    public static Task<TestSilo> StartAsync(TestDatabase database) => StartAsync(database.ConfigureSilo);

    /// <summary>The host without starting it, for tests about start-up failures.</summary>
    public static IHost Build(Action<ISiloBuilder> configure, string clusterId = "diu-tests",
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.UseOrleans(silo =>
        {
            configure(silo);
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = "diu-tests";
            });
        });
        return builder.Build();
    }

    /// <summary>Stops the silo gracefully; safe to call again (tests stop a silo midway and dispose it at the end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
    }
}
