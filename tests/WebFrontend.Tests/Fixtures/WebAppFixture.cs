using System.Net;
using DiuParibahan.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// The whole app in embedded mode (co-hosted silo, SQLite in a temp folder, demo network) on a real Kestrel port, so
/// HTTP clients, SignalR clients and browsers all talk to it as they would in production.
/// </summary>
public class WebAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("dp-web-").FullName;

    /// <summary>Extra settings a derived fixture needs.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public Uri ServerAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:DataPath", Path.Combine(_dataDir, "test.db"));
        // No Orleans ports: the embedded silo takes free ones itself, as it does for anyone running two copies.
        builder.UseSetting("RateLimits:HoldsPerMinute", "1000");
        builder.UseSetting("RateLimits:AuthPerMinute", "1000");
        // Every test passenger signs in by SMS code from this one address; the per-phone limits stay as configured.
        builder.UseSetting("Auth:Otp:PerAddressPerMinute", "100000");
        // Every anonymous request shares this one address too, and the fuzz and lookup tests alone send more than the
        // product's per-address ceiling in a minute on a fast machine; the fixtures that test the ceiling set their own.
        builder.UseSetting("RateLimits:AddressCeilingPerMinute", "100000");
        builder.UseSetting("Trips:OnlineHoldDuration", "00:00:20");
        // Tests that re-issue cancellations or read owed refunds must not race a background sweep; the sweeps' tests run them.
        builder.UseSetting("TripOps:SweepInterval", "01:00:00");
        // Most tests write through one client and read through another with no version, which assumes every read sees
        // every acknowledged write at once; frontend replicas promise that only per client (minVersion), so they are off
        // here and on in the tests that are about them.
        builder.UseSetting("Replicas:Enabled", "false");
        // The demo coaches' front rows are ladies seats; tests about something else book them for any passenger, as
        // if departure were near. LadiesSeatAppFixture restores the product's default to test the rule itself.
        builder.UseSetting("Trips:LadiesSeats:OpenToAllBefore", "365.00:00:00");
        builder.UseSetting("Refunds:SweepInterval", "01:00:00");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        ServerAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        await Task.CompletedTask;
    }

    /// <summary>A client with its own cookie jar: one simulated visitor.</summary>
    public HttpClient NewVisitor() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = ServerAddress };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web-app";
}
