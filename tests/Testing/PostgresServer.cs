using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Xunit;

namespace DiuParibahan.Testing;

/// <summary>
/// A throwaway PostgreSQL server built from the installed Debian binaries (<c>/usr/lib/postgresql/*/bin</c>): its own
/// data directory under the temp folder, its own free port on 127.0.0.1, trust authentication for user <c>postgres</c>.
/// Use it as an xUnit assembly or collection fixture; call <see cref="CreateDatabaseAsync"/> once per test for isolation.
/// </summary>
/// <remarks>
/// Durability is switched off (fsync, full page writes, synchronous commit) by default because start-up speed matters
/// more to tests than surviving a power cut; <see cref="Durable"/> switches it on (the benchmark does, so it measures
/// PostgreSQL as production runs it). <see cref="StopAsync"/> and <see cref="StartAsync"/> restart the same server on the same port
/// for fault tests; pooled Npgsql connections opened before a stop are broken afterwards, as they would be in production.
/// </remarks>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private const string Superuser = "postgres";

    private readonly string _root;
    private readonly string _dataDirectory;
    private readonly string _socketDirectory;
    private readonly string _logFile;
    private readonly bool _asRoot = Environment.IsPrivilegedProcess;
    private string _binDirectory = "";
    private bool _running;

    public PostgresServer()
    {
        Port = FreePort.Next();
        // initdb refuses to run as root, so as root everything runs as the postgres user, which must be able to
        // reach the folder: /tmp is world-traversable, a TMPDIR under /root may not be.
        var tempRoot = _asRoot ? "/tmp" : Path.GetTempPath();
        _root = Path.Combine(tempRoot, "diu-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _dataDirectory = Path.Combine(_root, "data");
        _socketDirectory = Path.Combine(_root, "socket");
        _logFile = Path.Combine(_root, "server.log");
    }

    /// <summary>Always 127.0.0.1: the server listens on loopback only.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port, fixed for the lifetime of this instance (restarts reuse it).</summary>
    public int Port { get; }

    /// <summary>
    /// Extra <c>postgresql.conf</c> lines, appended after the defaults before the first start (e.g. WAL archiving for
    /// backup drills). Later lines win, so these may override the defaults.
    /// </summary>
    public IReadOnlyList<string> ExtraSettings { get; init; } = [];

    /// <summary>
    /// Runs with production durability (<c>fsync</c>, <c>full_page_writes</c>, <c>synchronous_commit</c> on): every
    /// commit waits for its WAL flush. Off by default (a throwaway test server).
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>The server's data directory (owned by <c>postgres</c> when running as root).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>Creates the cluster with <c>initdb</c> and starts it.</summary>
    public async ValueTask InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_socketDirectory);
        if (_asRoot)
        {
            await RunAsync("chown", ["-R", $"{Superuser}:{Superuser}", _root], asPostgres: false);
        }

        await RunAsync(Tool("initdb"),
            ["-D", _dataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);

        // Settings go into the server's own config file so a restart comes back on the same port and socket.
        var settings = string.Join('\n',
            "",
            "listen_addresses = '127.0.0.1'",
            $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
            $"unix_socket_directories = '{_socketDirectory}'",
            Durable ? "fsync = on" : "fsync = off",
            Durable ? "full_page_writes = on" : "full_page_writes = off",
            Durable ? "synchronous_commit = on" : "synchronous_commit = off",
            "shared_buffers = 16MB",
            "max_connections = 200",
            string.Join('\n', ExtraSettings),
            "");
        // Appending keeps the file's owner, so this works as root too.
        await File.AppendAllTextAsync(Path.Combine(_dataDirectory, "postgresql.conf"), settings);

        await StartAsync();
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await RunAsync(Tool("pg_ctl"), ["-D", _dataDirectory, "-l", _logFile, "-w", "-t", "60", "start"]);
        _running = true;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are disconnected) and waits until it is down.</summary>
    public async Task StopAsync()
    {
        await RunAsync(Tool("pg_ctl"), ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
        _running = false;
    }

    /// <summary>The connection string for <paramref name="database"/> on this server.</summary>
    public string GetConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = database,
            Username = Superuser,
        }.ConnectionString;

    /// <summary>
    /// Creates an empty database and returns its connection string. <paramref name="name"/> must be a lower-case SQL
    /// identifier (letters, digits, underscores) that was not used before on this server.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid database name: use lower-case letters, digits and underscores.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(GetConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return GetConnectionString(name);
    }

    /// <summary>Stops the server without a checkpoint and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_running)
        {
            try
            {
                await RunAsync(Tool("pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already gone (a test stopped it or the process died): nothing left to stop.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test run for.
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries under /usr/lib/postgresql/*/bin. Install them with: apt-get install -y postgresql");
    }

    private string Tool(string name) => Path.Combine(_binDirectory, name);

    private Task RunAsync(string fileName, IReadOnlyList<string> arguments) =>
        RunAsync(fileName, arguments, asPostgres: _asRoot);

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? RunUser() : fileName,
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", Superuser, "--", fileName])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = File.Exists(_logFile) ? await File.ReadAllTextAsync(_logFile) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {process.ExitCode}: "
                + $"{await error}{await output}{(log.Length > 0 ? "\nserver log:\n" + log : "")}");
        }
    }

    private static string RunUser() =>
        new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Running as root needs runuser (util-linux) to start PostgreSQL as 'postgres'.");

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
