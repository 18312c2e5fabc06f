using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DiuParibahan.Testing;

namespace DiuParibahan.Cluster.Tests.Fixtures;

/// <summary>
/// A real cluster (PostgreSQL, Redis, 2 silos, 2 frontends, TLS nginx) started with <c>deploy/cluster.sh</c> in a
/// throwaway state folder on a free block of loopback ports, running this build's silo and frontend. One per test
/// class; every test starts with <see cref="UpAsync"/>, which restarts whatever an earlier test killed.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    private static readonly string Configuration = RepoPaths.Configuration;

    private readonly string _repo = RepoPaths.Root;
    private readonly string _state = Path.Combine("/tmp", "diu-cluster-test-" + Guid.NewGuid().ToString("N")[..10]);

    public LocalCluster()
    {
        BasePort = PickBasePort();
        AdminKey = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    }

    /// <summary>The port plan of the script: see the head of deploy/cluster.sh.</summary>
    public int BasePort { get; }

    public string AdminKey { get; }

    /// <summary>The SMS gateway every process of the cluster texts to; passengers read their sign-in codes from it.</summary>
    public SmsGatewayServer Sms { get; } = new();

    public Uri PublicAddress => new($"https://127.0.0.1:{BasePort + 43}/");

    public Uri FrontendAddress(int index) => new($"http://127.0.0.1:{BasePort + 400 + index}/");

    public int SiloIndexOfPort(int siloPort) => siloPort - BasePort - 100;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_state);
        await File.WriteAllTextAsync(Path.Combine(_state, "admin.key"), AdminKey);
        await UpAsync();
    }

    /// <summary><c>cluster.sh up</c>: starts what is not running and waits until all of it is healthy.</summary>
    public Task UpAsync() => ScriptAsync(TimeSpan.FromMinutes(4), "up");

    public Task ScriptAsync(params string[] arguments) => ScriptAsync(TimeSpan.FromMinutes(2), arguments);

    public async Task<string> ScriptAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(_repo, "deploy", "cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["CLUSTER_STATE"] = _state;
        start.Environment["CLUSTER_BASE_PORT"] = BasePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CLUSTER_SILO_DLL"] = Path.Combine(_repo, "src", "Silo", "bin", Configuration, "net10.0", "DiuParibahan.Silo.dll");
        start.Environment["CLUSTER_WEB_DLL"] = Path.Combine(_repo, "src", "WebFrontend", "bin", Configuration, "net10.0", "DiuParibahan.WebFrontend.dll");
        // Unpublished builds serve their static assets only in Development.
        start.Environment["CLUSTER_ENVIRONMENT"] = "Development";
        // The load comes from one address through nginx; the per-address hold limit is not what these tests measure.
        start.Environment["RateLimits__HoldsPerMinute"] = "1000000";
        // Likewise every simulated passenger signs in by SMS code from that one address.
        start.Environment["Auth__Otp__PerAddressPerMinute"] = "1000000";
        start.Environment["RateLimits__AuthPerMinute"] = "1000000";
        start.Environment["Notifications__Sms__Url"] = Sms.Url;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {string.Join(' ', arguments)} took over {timeout}:\n{output}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"cluster.sh {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{LogTails()}");
        }
        return output.ToString();
    }

    /// <summary>An HTTPS client through nginx that trusts the cluster's self-signed certificate; no cookies.</summary>
    public HttpClient PublicClient(TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
    })
    {
        BaseAddress = PublicAddress,
        Timeout = timeout ?? TimeSpan.FromSeconds(15),
    };

    /// <summary>GET an operator endpoint on any frontend that answers (directly, not through nginx).</summary>
    public async Task<JsonElement> AdminAsync(string path, CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var index = 1; index <= 4; index++)
        {
            try
            {
                return await AdminAsync(index, path, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }
        }
        throw new InvalidOperationException($"No frontend answered {path}.", last);
    }

    public async Task PostAdminAsync(string path, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = FrontendAddress(1), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        (await client.PostAsync(path, null, cancellationToken)).EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> AdminAsync(int frontend, string path, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = FrontendAddress(frontend), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return await client.GetFromJsonAsync<JsonElement>(path, cancellationToken);
    }

    /// <summary>The silo index (as in <c>kill-silo N</c>) where a trip is active now, activating it if needed.</summary>
    public async Task<int?> SiloOfTripAsync(string tripId, CancellationToken cancellationToken)
    {
        var location = await AdminAsync($"/api/admin/trips/{Uri.EscapeDataString(tripId)}/silo", cancellationToken);
        return location.GetProperty("silo").GetString() is { } silo
            ? SiloIndexOfPort(int.Parse(silo.Split(':')[1].Split('@')[0], System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Active silos with their trip activations (from the membership table via a frontend).</summary>
    public async Task<IReadOnlyList<(int Index, string Status, int Trips)>> SilosAsync(CancellationToken cancellationToken)
    {
        var status = await AdminAsync("/api/admin/cluster", cancellationToken);
        return status.GetProperty("silos").EnumerateArray()
            .Select(s => (
                SiloIndexOfPort(int.Parse(s.GetProperty("address").GetString()!.Split(':')[1].Split('@')[0], System.Globalization.CultureInfo.InvariantCulture)),
                s.GetProperty("status").GetString()!,
                s.GetProperty("tripActivations").GetInt32()))
            .ToList();
    }

    /// <summary>Signs a new passenger in by SMS code through <paramref name="client"/> (nginx); returns the access token.</summary>
    public Task<string> SignInPassengerAsync(HttpClient client, CancellationToken cancellationToken) =>
        Sms.SignInPassengerAsync(client, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScriptAsync(TimeSpan.FromMinutes(1), "down");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            TestContext.Current.SendDiagnosticMessage($"cluster down failed: {e.Message}");
        }
        await Sms.DisposeAsync();
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }

    private string LogTails()
    {
        var logs = Path.Combine(_state, "logs");
        if (!Directory.Exists(logs))
        {
            return "";
        }
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(logs, "*.log").Where(f => !f.Contains("access", StringComparison.Ordinal)))
        {
            var lines = File.ReadLines(file).TakeLast(15).ToList();
            if (lines.Count > 0)
            {
                text.AppendLine($"--- {Path.GetFileName(file)}").AppendJoin('\n', lines).AppendLine();
            }
        }
        return text.ToString();
    }

    // Below Linux's ephemeral range (32768+), so no outgoing connection takes one of the planned ports meanwhile.
    private static int PickBasePort()
    {
        var offsets = new[] { 0, 1, 43 }.Concat(Enumerable.Range(1, 5).SelectMany(i => new[] { 100 + i, 200 + i, 300 + i, 400 + i }));
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = 20000 + Random.Shared.Next(0, 24) * 500;
            if (offsets.All(o => IsFree(candidate + o)))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("No free block of loopback ports between 20000 and 32000.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
