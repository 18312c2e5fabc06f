using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.Backups;

/// <summary>Takes a backup every <see cref="BackupOptions.Interval"/> (the first one interval after start); off when it is zero.</summary>
public sealed class ScheduledBackups(EmbeddedBackups backups, IOptions<BackupOptions> options, TimeProvider time) : BackgroundService
{
    private PeriodicTimer? _timer;

    // The timer starts with the host, not whenever the background loop first runs, so the schedule is measured from start.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Interval > TimeSpan.Zero)
        {
            _timer = new PeriodicTimer(options.Value.Interval, time);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is null)
        {
            return;
        }
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken))
            {
                // A failure is logged by the service; the next tick tries again.
                await backups.TakeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }
}
