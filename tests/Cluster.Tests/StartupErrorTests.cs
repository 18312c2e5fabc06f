using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DiuParibahan.Cluster.Tests;

/// <summary>A silo or frontend that cannot reach its database says so in one line and exits with 1.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task Silo_WithTheDatabaseDown_ExitsWith1_AndOneLineNamingTheDatabase()
    {
        var port = ClosedPort();
        var (exitCode, error) = await RunAsync("Silo", new()
        {
            ["ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port={port};Database=diuparibahan;Username=postgres;Timeout=3",
            ["Orleans__SiloPort"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Silo cannot start:", line);
        Assert.Contains($"'diuparibahan' at 127.0.0.1:{port}", line);
    }

    [Fact]
    public async Task Frontend_InClusterMode_WithTheDatabaseDown_ExitsWith1_AndOneLine()
    {
        var port = ClosedPort();
        var (exitCode, error) = await RunAsync("WebFrontend", new()
        {
            ["Orleans__Mode"] = "Cluster",
            ["ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port={port};Database=diuparibahan;Username=postgres;Timeout=3",
            // The signing keys a cluster frontend requires are present, so only the database can stop it.
            ["Auth__SigningKey"] = Convert.ToBase64String(new byte[48]),
            ["Tickets__SigningKey"] = new string('k', 48),
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Web frontend cannot start:", line);
        Assert.Contains($"127.0.0.1:{port}", line);
    }

    [Fact]
    public async Task Frontend_InClusterMode_WithoutRequiredSettings_ExitsWith1_AndNamesEveryMissingKey()
    {
        var (exitCode, error) = await RunAsync("WebFrontend", new() { ["Orleans__Mode"] = "Cluster" });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Web frontend cannot start: missing required settings:", line);
        Assert.Contains("ConnectionStrings:Orleans (environment ConnectionStrings__Orleans)", line);
        Assert.Contains("Auth:SigningKey (environment Auth__SigningKey)", line);
        Assert.Contains("Tickets:SigningKey (environment Tickets__SigningKey)", line);
    }

    [Fact]
    public async Task Silo_WithoutAConnectionString_ExitsWith1_AndSaysWhichKey()
    {
        var (exitCode, error) = await RunAsync("Silo", []);

        Assert.Equal(1, exitCode);
        Assert.Equal("Silo cannot start: missing required settings: ConnectionStrings:Orleans (environment ConnectionStrings__Orleans): "
            + "the PostgreSQL connection string of the cluster.", error.Trim());
    }

    [Theory]
    [InlineData("Auth__ClockSkew", "00:01:00", "ClockSkew")]
    [InlineData("Auth__SigningKey", "AAAAAAAAAAAAAAAAAAAAAA==", "Auth:SigningKey must be at least 32 bytes")]
    public async Task Frontend_WithUnsafeAuthSettings_ExitsWith1_NamingTheSetting(string key, string value, string named)
    {
        var data = Directory.CreateTempSubdirectory("dp-start-");
        try
        {
            var (exitCode, error) = await RunAsync("WebFrontend", new()
            {
                ["Orleans__DataPath"] = Path.Combine(data.FullName, "app.db"),
                ["Orleans__SiloPort"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                [key] = value,
            });

            Assert.Equal(1, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Web frontend cannot start:", line);
            Assert.Contains(named, line);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Frontend_InClusterMode_WithoutAnAuthSigningKey_ExitsWith1_NamingIt()
    {
        var (exitCode, error) = await RunAsync("WebFrontend", new()
        {
            ["Orleans__Mode"] = "Cluster",
            ["ConnectionStrings__Orleans"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=diuparibahan;Username=postgres;Timeout=3",
            ["Tickets__SigningKey"] = new string('k', 48),
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Web frontend cannot start: missing required settings: Auth:SigningKey (environment Auth__SigningKey): "
            + "the access-token signing key (base64, at least 32 bytes, the same on every frontend).", line.Trim());
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string project, Dictionary<string, string> environment)
    {
        var dll = Path.Combine(Fixtures.RepoPaths.Root, "src", project, "bin", Fixtures.RepoPaths.Configuration, "net10.0", $"DiuParibahan.{project}.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ClosedPort()}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "None";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await output;
        return (process.ExitCode, await error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
