namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Finishes work a request left owing: every interval it reads a durable list of ids (kept by a grain), settles each,
/// and takes off the list those that owe nothing more. A failure leaves the id listed for the next pass, so the list
/// itself is the retry queue. Settling must be idempotent: every frontend sweeps the same list, and a sweep may race
/// the request that listed the id.
/// </summary>
public abstract partial class ListSweeper(TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>What is swept, for the logs ("trip cancellations", "booking refunds").</summary>
    protected abstract string Subject { get; }

    protected abstract Task<IReadOnlyList<string>> ListAsync();

    protected abstract Task RemoveAsync(string id);

    /// <summary>Settles what <paramref name="id"/> owes; true when nothing more is owed and it can leave the list.</summary>
    protected abstract Task<bool> SettleAsync(string id, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over the list.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = await ListAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogListFailed(logger, ex, Subject);
            return;
        }
        foreach (var id in ids)
        {
            try
            {
                if (await SettleAsync(id, ct))
                {
                    await RemoveAsync(id);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // It stays listed; the next pass tries again.
                LogSettleFailed(logger, ex, Subject, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of {Subject} could not read its list; retried at the next sweep")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of {Subject} failed for {Id}; retried at the next sweep")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string subject, string id);
}
