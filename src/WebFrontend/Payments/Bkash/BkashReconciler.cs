using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Payments;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// Settles bKash payments whose callback never came (the payer closed the app, the network dropped): every
/// <see cref="BkashOptions.ReconcileInterval"/> each frontend claims the payments older than
/// <see cref="BkashOptions.ReconcileAfter"/> from <see cref="IPendingPaymentsGrain"/> (a claim is a lease, so two
/// frontends never check the same payment at once, and a frontend that dies mid-check only delays it by the lease)
/// and settles each through <see cref="BkashSettlement"/>: paid in time confirms, paid after the hold ran out takes the
/// booking's late-payment path (the same seats if still free, otherwise a full refund), and one still unpaid after
/// <see cref="BkashOptions.ReconcileFor"/> is dropped (bKash charged nothing).
/// </summary>
/// <remarks>
/// A background service on the frontends rather than a reminder on the booking grain: the work is bKash HTTP calls,
/// which must not run inside a grain turn, and the booking grain stays free of provider concerns.
/// </remarks>
public sealed partial class BkashReconciler(
    IGrainFactory grains, BkashSettlement settlement, IOptions<BkashOptions> options, TimeProvider time, ILogger<BkashReconciler> logger)
    : BackgroundService
{
    // Enough for one pass to catch up after an outage without holding claims it cannot work through in a lease.
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: claim what is due and settle it; returns how many payments were looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        IReadOnlyList<PendingPayment> due;
        try
        {
            due = await grains.GetGrain<IPendingPaymentsGrain>(PaymentProviders.Bkash)
                .ClaimDueAsync(now - settings.ReconcileAfter, now, settings.ReconcileInterval * 2 + settings.RequestTimeout * 3, BatchSize);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClaimFailed(logger, ex);
            return 0;
        }
        foreach (var payment in due)
        {
            try
            {
                var outcome = await settlement.ReconcileAsync(payment, giveUp: now - payment.CreatedAt >= settings.ReconcileFor, ct);
                LogSettled(logger, payment.Pnr, outcome.Kind);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The claim runs out and the next pass (here or on another frontend) tries again.
                LogPaymentFailed(logger, ex, payment.Pnr);
            }
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash reconciliation could not claim due payments; retried at the next pass")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "bKash reconciliation of {Pnr}: {Outcome}")]
    private static partial void LogSettled(ILogger logger, string pnr, BkashOutcomeKind outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash reconciliation of {Pnr} failed; retried at a later pass")]
    private static partial void LogPaymentFailed(ILogger logger, Exception exception, string pnr);
}
