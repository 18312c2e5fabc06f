using System.Globalization;
using DiuParibahan.Testing;

namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>
/// A throwaway PostgreSQL that archives its WAL with the settings <c>deploy/pg-backup.sh settings</c> prints, into a
/// backup folder of its own, and the environment the script needs to back it up, list, prune and restore it.
/// </summary>
public sealed class ArchivingPostgres : IAsyncDisposable
{
    public const string Script = "deploy/pg-backup.sh";

    private ArchivingPostgres(string backupDirectory) => BackupDirectory = backupDirectory;

    public string BackupDirectory { get; }

    public PostgresServer Server { get; private set; } = null!;

    /// <param name="prefix">Names the backup folder (under /tmp), so a leftover one says which test made it.</param>
    public static async Task<ArchivingPostgres> StartAsync(string prefix)
    {
        var postgres = new ArchivingPostgres(Path.Combine("/tmp", prefix + Guid.NewGuid().ToString("N")[..12]));
        var settings = await ShellScript.SucceedAsync(Script, ["settings"], new Dictionary<string, string> { ["BACKUP_DIR"] = postgres.BackupDirectory });
        postgres.Server = new PostgresServer { ExtraSettings = settings.Split('\n', StringSplitOptions.RemoveEmptyEntries) };
        await postgres.Server.InitializeAsync();
        return postgres;
    }

    /// <summary>What the script reads: the data directory, the port and the backup folder.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["PG_DATA"] = Server.DataDirectory,
        ["PG_PORT"] = Server.Port.ToString(CultureInfo.InvariantCulture),
        ["BACKUP_DIR"] = BackupDirectory,
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(BackupDirectory, recursive: true);
    }
}
