using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Changes;
using DiuParibahan.WebFrontend.Hosting;
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
public sealed class RefundSweeper(
    IGrainFactory grains,
    BookingPayments payments,
    ChangePayments changes,
    IOptions<RefundSweepOptions> options,
    TimeProvider time,
    ILogger<RefundSweeper> logger) : ListSweeper(options.Value.SweepInterval, time, logger)
{
    private IUnsettledRefundsGrain Registry => grains.GetGrain<IUnsettledRefundsGrain>(IUnsettledRefundsGrain.Key);

    protected override string Subject => "booking refunds";

    protected override Task<IReadOnlyList<string>> ListAsync() => Registry.ListAsync();

    protected override Task RemoveAsync(string id) => Registry.RemoveAsync(id);

    /// <summary>True when the booking owes nothing more (or does not exist: a listing whose write failed).</summary>
    protected override async Task<bool> SettleAsync(string pnr, CancellationToken ct)
    {
        if (await grains.GetGrain<IBookingGrain>(pnr).GetAsync() is not { } booking)
        {
            return true;
        }
        booking = (await payments.SettleRefundAsync(booking, ct)).Booking ?? booking;
        booking = await changes.SettleRefundsAsync(booking, ct);
        return !booking.RefundOutstanding && !(booking.Changes?.Outstanding.Any() ?? false);
    }
}
