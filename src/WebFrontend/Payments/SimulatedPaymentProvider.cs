using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// Test payments for embedded mode without Stripe keys: no money moves. The payer chooses the outcome
/// (<c>POST /api/bookings/{pnr}/payments/simulate</c>), which then runs through the same booking state machine as a
/// Stripe webhook. References are derived from the PNR, so repeats are idempotent like Stripe's.
/// </summary>
public sealed class SimulatedPaymentProvider : IPaymentProvider
{
    public string Name => "simulated";

    public string? PublishableKey => null;

    public Task<PaymentStart> StartAsync(BookingView booking, CancellationToken ct) =>
        Task.FromResult(new PaymentStart("sim_" + booking.Pnr, null));

    /// <summary>A simulated payment can be "paid" again: the same reference, as Stripe keeps its PaymentIntent.</summary>
    public Task<PaymentStart> RetryAsync(BookingView booking, int attempt, CancellationToken ct) => StartAsync(booking, ct);

    /// <summary>No money moves, so nothing can arrive late.</summary>
    public Task<bool> AbandonAsync(BookingView booking, CancellationToken ct) => Task.FromResult(true);

    public Task<string> RefundAsync(BookingView booking, decimal amountTaka, CancellationToken ct) =>
        Task.FromResult("simre_" + booking.Pnr);

    public Task<PaymentStart> StartChangeAsync(BookingView booking, PendingTripChange change, CancellationToken ct) =>
        Task.FromResult(new PaymentStart($"sim_chg_{change.ChangeId:N}", null));

    public Task<string> RefundChangeAsync(BookingView booking, ChangeRefund refund, CancellationToken ct) =>
        Task.FromResult("simre_" + refund.Key);
}
