using DiuParibahan.Hosting.Backups;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>The embedded backup service on its own: naming, retention, the schedule, and a disk without space.</summary>
public sealed class EmbeddedBackupsTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 4, 15, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync() =>
        await SchemaMigrator.MigrateAsync(DatabaseProvider.Sqlite, _database.ConnectionString, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private EmbeddedBackups Backups(BackupOptions options, Func<string, long>? freeBytes = null) =>
        new(_database.FilePath, options, _time, NullLogger<EmbeddedBackups>.Instance, freeBytes);

    [Fact]
    public async Task Take_WritesATimestampedVerifiedFile_AndRetentionKeepsTheNewest()
    {
        var backups = Backups(new BackupOptions { Retention = 2 });
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await backups.TakeAsync(TestContext.Current.CancellationToken)).Backup!.Name);
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal("diuparibahan-20261207T041500000Z.db", names[0]);
        Assert.Equal([names[2], names[1]], backups.List().Select(b => b.Name));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 4, 35, 0, TimeSpan.Zero), backups.List()[0].TakenAt);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(_database.FilePath)!, "backups"), backups.Folder);
        Assert.All(backups.List(), b => Assert.Equal("ok", EmbeddedBackups.IntegrityCheck(b.Path)));
    }

    [Fact]
    public async Task Take_WhenTheFolderHasNoSpace_ReturnsNoSpace_AndWritesNothing()
    {
        var backups = Backups(new BackupOptions(), freeBytes: _ => 1024);

        var outcome = await backups.TakeAsync(TestContext.Current.CancellationToken);

        Assert.Null(outcome.Backup);
        Assert.Equal(BackupErrorCode.NoSpace, outcome.Failure!.Code);
        Assert.Contains("not enough space", outcome.Failure.Detail);
        Assert.Empty(Directory.GetFiles(backups.Folder));
    }

    [Fact]
    public async Task Schedule_TakesABackupEachInterval()
    {
        var options = new BackupOptions { Interval = TimeSpan.FromMinutes(30) };
        var backups = Backups(options);
        var taken = new TaskCompletionSource<BackupFile>(TaskCreationOptions.RunContinuationsAsynchronously);
        backups.Taken += b => taken.TrySetResult(b);
        using var schedule = new ScheduledBackups(backups, Options.Create(options), _time);
        await schedule.StartAsync(TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.False(taken.Task.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(1));
        var backup = await taken.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal("diuparibahan-20261207T044500000Z.db", backup.Name);
        await schedule.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("", 60, 1)]
    [InlineData("backups", 0.5, 1)]
    [InlineData("backups", 60, 0)]
    public void Options_Invalid_AreRefused(string directory, double intervalMinutes, int retention) =>
        Assert.False(new BackupOptions { Directory = directory, Interval = TimeSpan.FromMinutes(intervalMinutes), Retention = retention }.IsValid());
}
