using System.Globalization;
using DiuParibahan.Hosting.Storage;
using Microsoft.Data.Sqlite;

namespace DiuParibahan.Hosting.Backups;

/// <summary>
/// Start-up restore of the embedded-mode SQLite file from a backup (option <c>Storage:RestoreFrom</c>, e.g.
/// <c>--Storage:RestoreFrom /backups/diuparibahan-20261207T101500000Z.db</c>).
/// </summary>
/// <remarks>
/// Everything is checked before anything moves: the file exists, is a SQLite database of this product, passes
/// <c>PRAGMA integrity_check</c>, and fits on the disk. Then it is copied beside the database and swapped in; the
/// replaced database (with its -wal and -shm) is kept as <c>&lt;file&gt;.replaced-&lt;UTC time&gt;</c>, never deleted.
/// A marker remembers the backup restored, so leaving the option set does not restore it again at the next start.
/// </remarks>
public static class SqliteRestore
{
    public const string OptionName = "Storage:RestoreFrom";

    /// <summary>What a start-up with the option did.</summary>
    public enum Result
    {
        /// <summary>The backup is now the database.</summary>
        Restored,

        /// <summary>This very backup was restored at an earlier start; nothing was done.</summary>
        AlreadyRestored,
    }

    /// <summary>Restores <paramref name="backupPath"/> as the SQLite file <paramref name="databasePath"/>.</summary>
    /// <exception cref="StartupException">The backup is missing, corrupt, not a database of this product, or does not fit.</exception>
    public static Result Restore(string databasePath, string backupPath, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        var database = Path.GetFullPath(databasePath);
        var backup = Path.GetFullPath(backupPath);
        if (!File.Exists(backup))
        {
            throw new StartupException($"{OptionName}: backup file '{backup}' does not exist; nothing restored.");
        }

        var marker = database + ".restored-from";
        var fingerprint = Fingerprint(backup);
        if (File.Exists(database) && File.Exists(marker) && File.ReadAllText(marker) == fingerprint)
        {
            return Result.AlreadyRestored;
        }

        Verify(backup);
        var folder = Path.GetDirectoryName(database)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{OptionName}: cannot create the database folder '{folder}': {e.Message}; nothing restored.", e);
        }
        var size = new FileInfo(backup).Length;
        if (new DriveInfo(folder).AvailableFreeSpace <= size)
        {
            throw new StartupException($"{OptionName}: not enough space in '{folder}' to restore '{backup}' ({size / 1_048_576} MB); nothing restored.");
        }

        var staged = database + ".restoring";
        try
        {
            File.Copy(backup, staged, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(staged);
            throw new StartupException($"{OptionName}: cannot copy '{backup}' into '{folder}': {e.Message}; nothing restored.", e);
        }

        // Connections pooled by this process to the old file must not be reused for the new one.
        SqliteConnection.ClearAllPools();
        var replaced = database + ".replaced-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            if (File.Exists(database + suffix))
            {
                File.Move(database + suffix, replaced + suffix);
            }
        }
        File.Move(staged, database);
        File.WriteAllText(marker, fingerprint);
        return Result.Restored;
    }

    private static void Verify(string backup)
    {
        try
        {
            var check = EmbeddedBackups.IntegrityCheck(backup);
            if (check != "ok")
            {
                throw new StartupException($"{OptionName}: backup file '{backup}' is corrupt (integrity check: {check}); nothing restored.");
            }
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = backup,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 1)
            {
                throw new StartupException($"{OptionName}: '{backup}' is a SQLite file but not a Diu Paribahan database; nothing restored.");
            }
        }
        catch (SqliteException e)
        {
            throw new StartupException($"{OptionName}: backup file '{backup}' is corrupt or not a database ({e.Message}); nothing restored.", e);
        }
    }

    private static string Fingerprint(string backup)
    {
        var info = new FileInfo(backup);
        return string.Create(CultureInfo.InvariantCulture, $"{backup}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
    }
}
