using Microsoft.Extensions.Logging;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Keeps the booking on the <see cref="IUnsettledRefundsGrain"/> list while it owes money back, so the frontend's
/// refund sweep finds it without anyone reading the booking: listed before a state that owes is written (a crash after
/// the write cannot leave an owed refund unlisted), taken off after a write that owes nothing more.
/// </summary>
public sealed partial class BookingGrain
{
    /// <summary>Whether <paramref name="booking"/> owes money back that no refund has been reported for (its own or a change's).</summary>
    private static bool OwesRefund(BookingView? booking) =>
        booking is not null && (booking.RefundOutstanding || ChangesOf(booking).Outstanding.Any());

    private IUnsettledRefundsGrain OwedRefunds => GrainFactory.GetGrain<IUnsettledRefundsGrain>(IUnsettledRefundsGrain.Key);

    /// <summary>
    /// Before writing <paramref name="next"/>: lists the booking if it starts to owe. A failure here fails the call
    /// with nothing written, like a failed write.
    /// </summary>
    private async Task ListIfStartsOwingAsync(BookingView? previous, BookingView? next)
    {
        if (OwesRefund(next) && !OwesRefund(previous))
        {
            await OwedRefunds.AddAsync(Pnr);
        }
    }

    /// <summary>
    /// After a write: takes the booking off the list once nothing is owed any more. The write stands if this fails;
    /// the sweep takes off a listed booking it finds owing nothing.
    /// </summary>
    private async Task UnlistIfSettledAsync(BookingView? previous)
    {
        if (!OwesRefund(previous) || OwesRefund(store.State.Booking))
        {
            return;
        }
        try
        {
            await OwedRefunds.RemoveAsync(Pnr);
        }
        catch (Exception ex)
        {
            LogOwedRefundListingFailed(logger, ex, Pnr);
        }
    }

    /// <summary>
    /// On activation: a booking stored as owing before this listing existed (or whose listing was lost) is listed now.
    /// </summary>
    private async Task ListIfOwingAsync()
    {
        if (!OwesRefund(store.State.Booking))
        {
            return;
        }
        try
        {
            await OwedRefunds.AddAsync(Pnr);
        }
        catch (Exception ex)
        {
            LogOwedRefundListingFailed(logger, ex, Pnr);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {Pnr}: updating the list of owed refunds failed; the refund sweep or the next activation catches up")]
    private static partial void LogOwedRefundListingFailed(ILogger logger, Exception exception, string pnr);
}
