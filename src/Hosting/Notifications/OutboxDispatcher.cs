using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// Sends what the outbox holds, on every silo: claims due messages under a lease (so two silos never work on the
/// same one at once), sends each through its channel and records the outcome. A failure is retried with exponential
/// backoff and jitter until <see cref="NotificationOptions.MaxAttempts"/>, then the message is dead. Messages of a
/// channel that is not configured are recorded, not sent.
/// </summary>
/// <remarks>
/// A message is marked sent only after the server or gateway accepted it. If the silo dies in between, the lease
/// runs out and the message is sent again: at least once. The resend carries the same Message-Id (e-mail) or
/// idempotency key (SMS), so receivers that dedupe see it once.
/// </remarks>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    OutboxSignal signal,
    IEmailSender email,
    ISmsGateway sms,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    OutboxMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable or similar: try again at the next round, the messages wait in the table.
                LogRoundFailed(logger, ex);
            }
            if (handled < options.Value.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: claims the due messages and works through them. Returns how many it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var claim = await store.ClaimDueAsync(time.GetUtcNow(), settings.Lease, settings.BatchSize, ct);
        var sendBudget = settings.Smtp.Timeout > settings.Sms.Timeout ? settings.Smtp.Timeout : settings.Sms.Timeout;
        foreach (var message in claim.Messages)
        {
            // Never start a send that could outlast the lease: another silo may take the message over then, and both
            // would send it. What is left waits for the lease to end and is claimed afresh.
            if (time.GetUtcNow() + sendBudget > claim.LeaseUntil)
            {
                break;
            }
            await DeliverAsync(claim.LeaseOwner, message, settings, ct);
        }
        metrics.Backlog = await store.CountBacklogAsync(ct);
        return claim.Messages.Count;
    }

    private async Task DeliverAsync(string leaseOwner, OutboxMessage message, NotificationOptions settings, CancellationToken ct)
    {
        var isEmail = message.Channel == NotificationChannel.Email;
        var masked = RecipientMask.Mask(message.Channel, message.Recipient);
        if (!(isEmail ? settings.Smtp.Configured : settings.Sms.Configured))
        {
            await store.MarkRecordedAsync(message.Id, leaseOwner, ct);
            metrics.Handled(message.Channel, OutboxStatus.Recorded);
            LogRecorded(logger, message.Id, message.Kind, message.Channel, masked);
            return;
        }
        try
        {
            if (isEmail)
            {
                await email.SendAsync(message, ct);
            }
            else
            {
                await sms.SendAsync(message.Recipient, message.BodyText, message.IdempotencyKey, ct);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var attempts = message.Attempts + 1;
            var dead = attempts >= settings.MaxAttempts;
            var error = RecipientMask.Scrub($"{ex.GetType().Name}: {ex.Message}", message.Channel, message.Recipient);
            await store.MarkFailedAsync(message.Id, leaseOwner, error, time.GetUtcNow() + Backoff(attempts, settings), dead, ct);
            metrics.Handled(message.Channel, dead ? OutboxStatus.Dead : "failed");
            LogSendFailed(logger, message.Id, message.Channel, masked, attempts, dead, error);
            return;
        }
        await store.MarkSentAsync(message.Id, leaseOwner, time.GetUtcNow(), ct);
        metrics.Handled(message.Channel, OutboxStatus.Sent);
        LogSent(logger, message.Id, message.Kind, message.Channel, masked);
    }

    /// <summary>
    /// The wait before attempt <paramref name="failures"/> + 1: <see cref="NotificationOptions.FirstRetryDelay"/> doubled per
    /// earlier failure, capped at <see cref="NotificationOptions.MaxRetryDelay"/>, ±20 % so that a crowd of messages
    /// failed together does not retry together.
    /// </summary>
    public static TimeSpan Backoff(int failures, NotificationOptions settings)
    {
        var exponential = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} ({Kind}) sent by {Channel} to {Recipient}")]
    private static partial void LogSent(ILogger logger, long id, string kind, string channel, string recipient);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} ({Kind}) recorded, not sent: no {Channel} channel is configured (to {Recipient})")]
    private static partial void LogRecorded(ILogger logger, long id, string kind, string channel, string recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}: sending by {Channel} to {Recipient} failed (attempt {Attempts}, dead: {Dead}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, long id, string channel, string recipient, int attempts, bool dead, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch round failed; retried at the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
