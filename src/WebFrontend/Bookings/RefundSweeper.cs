using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Changes;
using DiuParibahan.WebFrontend.Payments;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Pays back what bookings still owe: every <see cref="RefundSweepOptions.SweepInterval"/> it settles each booking on
/// the <see cref="IUnsettledRefundsGrain"/> list (its own refund, then every change refund) through the same
/// <see cref="BookingPayments.SettleRefundAsync"/> and <see cref="ChangePayments.SettleRefundsAsync"/> the cancel and
/// change endpoints use. Reading a booking never does this: a GET neither writes nor calls a provider. Every step is
/// idempotent (the provider dedupes by the refund's key, the booking ignores a refund it already knows), so sweeps on
/// several frontends at once, or a sweep racing the request that owes the refund, pay each refund once.
/// </summary>
public sealed partial class RefundSweeper(
    IGrainFactory grains,
    BookingPayments payments,
    ChangePayments changes,
    IOptions<RefundSweepOptions> options,
    TimeProvider time,
    ILogger<RefundSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
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

    /// <summary>One pass over the listed bookings.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var registry = grains.GetGrain<IUnsettledRefundsGrain>(IUnsettledRefundsGrain.Key);
        IReadOnlyList<string> pnrs;
        try
        {
            pnrs = await registry.ListAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, ex);
            return;
        }
        foreach (var pnr in pnrs)
        {
            try
            {
                if (await SettleAsync(pnr, ct))
                {
                    await registry.RemoveAsync(pnr);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The booking stays listed; the next sweep tries again.
                LogBookingFailed(logger, ex, pnr);
            }
        }
    }

    /// <summary>True when the booking owes nothing more (or does not exist: a listing whose write failed).</summary>
    private async Task<bool> SettleAsync(string pnr, CancellationToken ct)
    {
        if (await grains.GetGrain<IBookingGrain>(pnr).GetAsync() is not { } booking)
        {
            return true;
        }
        booking = (await payments.SettleRefundAsync(booking, ct)).Booking ?? booking;
        booking = await changes.SettleRefundsAsync(booking, ct);
        return !booking.RefundOutstanding && !(booking.Changes?.Outstanding.Any() ?? false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund sweep could not list the bookings that owe refunds; retried at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund sweep of booking {Pnr} failed; retried at the next sweep")]
    private static partial void LogBookingFailed(ILogger logger, Exception exception, string pnr);
}
