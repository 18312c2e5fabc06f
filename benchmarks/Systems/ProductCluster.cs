using DiuParibahan.Testing;

namespace DiuParibahan.Benchmarks.Systems;

/// <summary>
/// Our system in cluster mode: silos on PostgreSQL seeding the demo network (≈1,000 trips with 42 days ahead) and one
/// web frontend as an Orleans client, all Release builds started as child processes on free loopback ports.
/// </summary>
public sealed class ProductCluster(string repositoryRoot, string databaseConnectionString, string logDirectory) : IAsyncDisposable
{
    // Two silos, the frontend and the baseline (64) must stay within the test server's 200 connections.
    private readonly string connectionString =
        new Npgsql.NpgsqlConnectionStringBuilder(databaseConnectionString) { MaxPoolSize = 60 }.ConnectionString;

    private readonly List<ChildProcess> _silos = [];
    private ChildProcess? _frontend;

    public Uri FrontendAddress { get; private set; } = null!;

    /// <summary>The SMS gateway the frontend texts sign-in codes to; benchmark passengers read theirs from it.</summary>
    public SmsGatewayServer Sms { get; } = new();

    /// <summary>The frontend's token signing key (base64), so a benchmark can mint the tokens the frontend would issue.</summary>
    public string AuthSigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public int SiloCount => _silos.Count;

    private string Assembly(string project) =>
        Path.Combine(repositoryRoot, "src", project, "bin", "Release", "net10.0", $"DiuParibahan.{project}.dll");

    /// <summary>Starts one more silo and waits until its health endpoint is ready (the first one seeds the network).</summary>
    public async Task AddSiloAsync(HttpClient http)
    {
        var httpPort = FreePort.Next();
        var silo = ChildProcess.Start($"silo{_silos.Count + 1}", Assembly("Silo"), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Seeding__DemoNetwork"] = "true",
            ["Seeding__DaysAhead"] = "42",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "1",
        }, logDirectory);
        _silos.Add(silo);
        await silo.WaitReadyAsync(http, $"http://127.0.0.1:{httpPort}/health/ready", TimeSpan.FromMinutes(3));
    }

    /// <summary>Starts the web frontend (cluster mode, hold rate limit out of the way) and waits until it is ready.</summary>
    public async Task StartFrontendAsync(HttpClient http)
    {
        var port = FreePort.Next();
        FrontendAddress = new Uri($"http://127.0.0.1:{port}");
        _frontend = ChildProcess.Start("frontend", Assembly("WebFrontend"), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = FrontendAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Orleans__Mode"] = "Cluster",
            ["ConnectionStrings__Orleans"] = connectionString,
            ["RateLimits__HoldsPerMinute"] = "100000000",
            // Every simulated passenger signs in by SMS code from this one address.
            ["RateLimits__AuthPerMinute"] = "100000000",
            ["Auth__Otp__PerAddressPerMinute"] = "100000000",
            ["Notifications__Sms__Url"] = Sms.Url,
            // Cluster frontends need explicit signing keys; throwaway ones for a benchmark run.
            ["Auth__SigningKey"] = AuthSigningKey,
            ["Tickets__SigningKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "1",
        }, logDirectory);
        await _frontend.WaitReadyAsync(http, new Uri(FrontendAddress, "/health/ready").ToString(), TimeSpan.FromMinutes(3));
    }

    public async ValueTask DisposeAsync()
    {
        await Sms.DisposeAsync();
        if (_frontend is not null)
        {
            await _frontend.DisposeAsync();
        }
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.DisposeAsync();
        }
    }
}
