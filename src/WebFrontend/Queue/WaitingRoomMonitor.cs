using DiuParibahan.Grains.Queue;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// Each frontend, every <see cref="QueueOptions.PollInterval"/>: counts seats left on every announced window's trips
/// from the departure boards, reports them to the window's queue grain (which turns sold out on and off), and pushes
/// the status to this frontend's followers of the window when it changed; a window ops closed is pushed once more as
/// closed. Trips report availability to their boards after every stored change, so a sell-out reaches every waiter
/// within about one interval plus that report.
/// </summary>
public sealed partial class WaitingRoomMonitor(
    SaleWindowDirectory directory,
    SeatsLeftCounter counter,
    IGrainFactory grains,
    IHubContext<QueueHub> hub,
    TimeProvider time,
    IOptions<QueueOptions> options,
    ILogger<WaitingRoomMonitor> logger)
    : BackgroundService
{
    private readonly Dictionary<string, QueueStatus> _pushed = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogTickFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round over every window (one board call per travel day, one queue call per announced window).</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var windows = await directory.ListAsync();
        var gating = windows.Where(w => w.Gates).ToList();
        if (gating.Count > 0)
        {
            var seats = await counter.CountAsync(gating);
            foreach (var window in gating)
            {
                await PushIfChangedAsync(await grains.GetGrain<IWaitingRoomGrain>(window.Id).ReportSeatsLeftAsync(seats[window.Id]), cancellationToken);
            }
        }
        foreach (var window in windows.Where(w => !w.Gates))
        {
            if (_pushed.TryGetValue(window.Id, out var last) && last.Phase != QueuePhase.Closed)
            {
                await PushIfChangedAsync(await grains.GetGrain<IWaitingRoomGrain>(window.Id).GetStatusAsync(), cancellationToken);
            }
        }
    }

    private async Task PushIfChangedAsync(QueueStatus status, CancellationToken cancellationToken)
    {
        if (_pushed.TryGetValue(status.WindowId, out var last) && last.Version == status.Version && last.Phase == status.Phase)
        {
            return;
        }
        _pushed[status.WindowId] = status;
        await hub.Clients.Group(QueueHub.GroupName(status.WindowId)).SendAsync(QueueHub.ChangedMethod, QueueStatusDto.Of(status), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting rooms: a round of seat counts and pushes failed; the next round retries")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
