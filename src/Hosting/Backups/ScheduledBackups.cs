using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.Backups;

/// <summary>Takes a backup every <see cref="BackupOptions.Interval"/> (the first one interval after start); off when it is zero.</summary>
internal sealed class ScheduledBackups(SqliteBackups backups, IOptions<BackupOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A failure is logged by the service; the next tick tries again.
                await backups.TakeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
