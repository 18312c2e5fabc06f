using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// The payment deadline of an unpaid booking: when its hold runs out the booking becomes Expired on its own timer, so
/// reading a booking never changes it. A late payment can still confirm an expired booking while its seats are free.
/// </summary>
/// <remarks>
/// The timer lives only as long as the activation, so the activation is kept alive until the deadline (holds last
/// minutes), and an activation that starts after a missed deadline expires the booking as it activates.
/// </remarks>
public sealed partial class BookingGrain
{
    private IGrainTimer? _deadlineTimer;

    /// <summary>Arms the timer for the current payment deadline, or disarms it when the booking no longer awaits a payment.</summary>
    private void ArmPaymentDeadline()
    {
        if (store.State.Booking is not { } booking || !new Booking(booking).AwaitsPayment)
        {
            _deadlineTimer?.Dispose();
            _deadlineTimer = null;
            return;
        }
        var due = booking.HoldExpiresAt - Now;
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (_deadlineTimer is null)
        {
            // Not interleaved: the expiry is a turn like any other, so it never races a payment arriving at the deadline.
            _deadlineTimer = this.RegisterGrainTimer(_ => ExpireIfDueAsync(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _deadlineTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
        DelayDeactivation(due + TimeSpan.FromMinutes(1));
    }

    /// <summary>An unpaid booking whose hold has run out becomes Expired; one whose deadline is still ahead is re-armed.</summary>
    private async Task ExpireIfDueAsync()
    {
        if (store.State.Booking is not { } booking)
        {
            return;
        }
        var outcome = new Booking(booking).Expire(Now);
        if (outcome.Changed)
        {
            await StoreAsync(outcome);
        }
        else
        {
            ArmPaymentDeadline();
        }
    }
}
