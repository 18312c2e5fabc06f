using System.Diagnostics;
using System.Globalization;
using DiuParibahan.Hosting.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Hosting.Backups;

/// <summary>
/// Online backups of the embedded-mode SQLite file with SQLite's backup API, while the app keeps selling: each backup
/// is one consistent snapshot in its own file <c>diuparibahan-yyyyMMddTHHmmssfffZ.db</c> in the backup folder, checked
/// with <c>PRAGMA integrity_check</c> before it gets its name, and the oldest beyond the retention are deleted.
/// </summary>
/// <remarks>
/// The snapshot is taken inside the file's single-writer gate (a read transaction started between two writes), so the
/// backup holds exactly the writes acknowledged before it and none that queued after it; the copy itself runs outside
/// the gate on the thread pool, while writes go on (write-ahead logging lets them). Backups run one at a time.
/// </remarks>
public sealed partial class EmbeddedBackups
{
    private const string Prefix = "diuparibahan-";
    private const string Extension = ".db";
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly BackupOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EmbeddedBackups> _logger;
    private readonly Func<string, long> _freeBytes;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <param name="databasePath">The SQLite file the silo uses.</param>
    /// <param name="options">Folder, schedule and retention.</param>
    /// <param name="time">Names and times of backups.</param>
    /// <param name="logger">Where taken, pruned and failed backups are logged.</param>
    /// <param name="freeBytes">Free bytes on the disk of a folder; the drive's available space when not given.</param>
    public EmbeddedBackups(string databasePath, BackupOptions options, TimeProvider time, ILogger<EmbeddedBackups> logger,
        Func<string, long>? freeBytes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = SqliteDatabase.ConnectionString(databasePath);
        _databasePath = SqliteDatabase.PathOf(_connectionString);
        _options = options;
        _time = time;
        _logger = logger;
        _freeBytes = freeBytes ?? (folder => new DriveInfo(folder).AvailableFreeSpace);
        Folder = Path.GetFullPath(options.Directory, Path.GetDirectoryName(_databasePath)!);
    }

    /// <summary>The full path of the backup folder.</summary>
    public string Folder { get; }

    /// <summary>Raised after each backup that was taken (tests wait on it instead of polling the folder).</summary>
    public event Action<BackupFile>? Taken;

    /// <summary>Takes a backup now. A failure leaves nothing in the folder and is returned, not thrown.</summary>
    public async Task<BackupOutcome> TakeAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var outcome = await TakeCoreAsync(cancellationToken);
            if (outcome.Backup is { } backup)
            {
                Prune();
                Taken?.Invoke(backup);
            }
            else
            {
                LogFailed(outcome.Failure!.Detail);
            }
            return outcome;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The backup files in the folder, newest first.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return Directory.EnumerateFiles(Folder, Prefix + "*" + Extension)
            .Select(path => (path, takenAt: TakenAt(Path.GetFileName(path))))
            .Where(f => f.takenAt is not null)
            .Select(f => new BackupFile(Path.GetFileName(f.path), f.path, new FileInfo(f.path).Length, f.takenAt!.Value))
            .OrderByDescending(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<BackupOutcome> TakeCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(BackupErrorCode.Failed, $"cannot create the backup folder '{Folder}': {e.Message}");
        }

        var needed = SizeOf(_databasePath) + SizeOf(_databasePath + "-wal");
        var free = _freeBytes(Folder);
        if (free < needed)
        {
            return Failed(BackupErrorCode.NoSpace,
                $"not enough space in '{Folder}': the database needs {Megabytes(needed)} MB, {Megabytes(free)} MB are free; nothing written");
        }

        var takenAt = _time.GetUtcNow();
        var name = Prefix + takenAt.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture) + Extension;
        var path = Path.Combine(Folder, name);
        var partial = path + ".partial";
        var watch = Stopwatch.StartNew();
        try
        {
            var writesWaited = await CopyAsync(partial, cancellationToken);
            var check = await Task.Run(() => IntegrityCheck(partial), CancellationToken.None);
            if (check != "ok")
            {
                Delete(partial);
                return Failed(BackupErrorCode.Failed, $"the copy in '{partial}' failed its integrity check ({check}); nothing kept");
            }
            File.Move(partial, path);
            var backup = new BackupFile(name, path, new FileInfo(path).Length, takenAt);
            LogTaken(name, Megabytes(backup.SizeBytes), (long)writesWaited.TotalMilliseconds, (long)watch.Elapsed.TotalMilliseconds);
            return new BackupOutcome(backup, null);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 13)
        {
            Delete(partial);
            return Failed(BackupErrorCode.NoSpace, $"the disk of '{Folder}' filled up during the backup; nothing kept");
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            Delete(partial);
            return Failed(BackupErrorCode.Failed, $"backup into '{Folder}' failed: {e.Message}; nothing kept");
        }
    }

    // The snapshot is fixed inside the gate (a read transaction started between two writes), then copied outside it:
    // in write-ahead-log mode writers go on committing while a reader holds its snapshot, so sales wait only for the
    // moment it takes to start the read, not for the copy. Returns how long the gate was held.
    private async Task<TimeSpan> CopyAsync(string destinationPath, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(_connectionString);
        SqliteTransaction? snapshot = null;
        var held = TimeSpan.Zero;
        try
        {
            await SqliteGate.For(_connectionString).RunAsync(() =>
            {
                var start = Stopwatch.GetTimestamp();
                source.Open();
                snapshot = source.BeginTransaction(deferred: true);
                using var read = source.CreateCommand();
                read.Transaction = snapshot;
                read.CommandText = "SELECT count(*) FROM sqlite_master;";
                read.ExecuteScalar();
                held = Stopwatch.GetElapsedTime(start);
                return Task.CompletedTask;
            }, cancellationToken);

            await Task.Run(() =>
            {
                using var destination = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = destinationPath,
                    Mode = SqliteOpenMode.ReadWriteCreate,
                    Pooling = false,
                }.ToString());
                destination.Open();
                source.BackupDatabase(destination);
                // A backup is one self-contained file: no -wal or -shm beside it.
                using var command = destination.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = DELETE;";
                command.ExecuteNonQuery();
            }, CancellationToken.None);
            return held;
        }
        finally
        {
            snapshot?.Dispose();
        }
    }

    /// <summary>
    /// <c>PRAGMA integrity_check</c> of the SQLite file at <paramref name="path"/>, opened read-only: <c>ok</c>, or the
    /// first problem it reports.
    /// </summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(1);";
        return command.ExecuteScalar() as string ?? "no answer";
    }

    private void Prune()
    {
        foreach (var old in List().Skip(_options.Retention))
        {
            try
            {
                File.Delete(old.Path);
                LogPruned(old.Name, _options.Retention);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogFailed($"cannot delete old backup '{old.Path}': {e.Message}");
            }
        }
    }

    private static DateTimeOffset? TakenAt(string fileName)
    {
        var stamp = fileName[Prefix.Length..^Extension.Length];
        return DateTime.TryParseExact(stamp, StampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var taken)
            ? new DateTimeOffset(taken, TimeSpan.Zero)
            : null;
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static long Megabytes(long bytes) => (bytes + 1_048_575) / 1_048_576;

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover .partial never counts as a backup (List only reads finished names).
        }
    }

    private static BackupOutcome Failed(BackupErrorCode code, string detail) =>
        new(null, new BackupFailure(code, string.Join(' ', detail.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Name} taken ({SizeMb} MB; writes paused {PausedMs} ms, {TotalMs} ms with copy and integrity check)")]
    private partial void LogTaken(string name, long sizeMb, long pausedMs, long totalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Name} deleted (retention: {Retention} files)")]
    private partial void LogPruned(string name, int retention);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup failed: {Detail}")]
    private partial void LogFailed(string detail);
}
