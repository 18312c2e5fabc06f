using DiuParibahan.Testing;

namespace DiuParibahan.Benchmarks.Systems;

/// <summary>
/// Our system in cluster mode: silos on PostgreSQL seeding the demo network (≈1,000 trips with 42 days ahead) and one
/// web frontend (more on demand) as Orleans clients, all Release builds started as child processes on free loopback ports.
/// </summary>
public sealed class ProductCluster(string repositoryRoot, string databaseConnectionString, string logDirectory) : IAsyncDisposable
{
    // Two silos, the frontend and the baseline (64) must stay within the test server's 200 connections.
    private readonly string connectionString =
        new Npgsql.NpgsqlConnectionStringBuilder(databaseConnectionString) { MaxPoolSize = 60 }.ConnectionString;

    private readonly List<ChildProcess> _silos = [];
    private readonly List<ChildProcess> _frontends = [];

    /// <summary>The first frontend, the one every scenario talks to.</summary>
    public Uri FrontendAddress { get; private set; } = null!;

    /// <summary>Every frontend started, the first one first (more come from <see cref="AddFrontendAsync"/>).</summary>
    public List<Uri> FrontendAddresses { get; } = [];

    /// <summary>The SMS gateway the frontend texts sign-in codes to; benchmark passengers read theirs from it.</summary>
    public SmsGatewayServer Sms { get; } = new();

    /// <summary>The frontend's token signing key (base64), so a benchmark can mint the tokens the frontend would issue.</summary>
    public string AuthSigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public int SiloCount => _silos.Count;

    private readonly string _ticketSigningKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

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
        FrontendAddress = await StartFrontendProcessAsync(http, "frontend", connectionString);
    }

    /// <summary>
    /// Starts one more frontend on the same cluster, configured like the first and sharing its signing keys, so
    /// tokens and admissions from one are good on all (as behind a load balancer). Its PostgreSQL pool is smaller, so
    /// several stay within the test server's connections; a frontend uses only a few.
    /// </summary>
    public async Task<Uri> AddFrontendAsync(HttpClient http)
    {
        if (_frontends.Count == 0)
        {
            throw new InvalidOperationException("Start the first frontend before adding more.");
        }
        var smallerPool = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString;
        return await StartFrontendProcessAsync(http, $"frontend{_frontends.Count + 1}", smallerPool);
    }

    private async Task<Uri> StartFrontendProcessAsync(HttpClient http, string name, string poolConnectionString)
    {
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port}");
        var frontend = ChildProcess.Start(name, Assembly("WebFrontend"), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Orleans__Mode"] = "Cluster",
            ["ConnectionStrings__Orleans"] = poolConnectionString,
            ["RateLimits__HoldsPerMinute"] = "100000000",
            // Every simulated passenger signs in by SMS code from this one address.
            ["RateLimits__AuthPerMinute"] = "100000000",
            ["Auth__Otp__PerAddressPerMinute"] = "100000000",
            ["Notifications__Sms__Url"] = Sms.Url,
            // Cluster frontends need explicit signing keys; throwaway ones for a benchmark run.
            ["Auth__SigningKey"] = AuthSigningKey,
            ["Tickets__SigningKey"] = _ticketSigningKey,
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "1",
        }, logDirectory);
        _frontends.Add(frontend);
        FrontendAddresses.Add(address);
        await frontend.WaitReadyAsync(http, new Uri(address, "/health/ready").ToString(), TimeSpan.FromMinutes(3));
        return address;
    }

    public async ValueTask DisposeAsync()
    {
        await Sms.DisposeAsync();
        foreach (var frontend in Enumerable.Reverse(_frontends))
        {
            await frontend.DisposeAsync();
        }
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.DisposeAsync();
        }
    }
}
