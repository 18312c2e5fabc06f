using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>The booking state machine without a silo: transitions, refusals with their codes, and the events produced.</summary>
public sealed class BookingTests
{
    private static readonly DateTimeOffset Leaves = Fixtures.TestTrips.Departure;
    private static readonly FakeTimeProvider Clock = new(Leaves.AddDays(-3));
    private static readonly DateTimeOffset Now = Clock.GetUtcNow();
    private static readonly DateTimeOffset HoldEnds = Now.AddMinutes(10);
    private static readonly Guid SaleId = Guid.NewGuid();

    private static BookingView Pending(int seats = 2) => new(
        "DP-ABCDEF", BookingStatus.PendingPayment, "alice", "token",
        new BookingJourney("DHK-KOL-20261220-2230", "Dhaka – Kolkata", "ঢাকা – কলকাতা", Fixtures.TestTrips.Dhaka, Fixtures.TestTrips.Jashore, Leaves, Leaves.AddHours(4),
            "AcEconomy", "Dhaka Metro Ba-15-4101"),
        Guid.NewGuid(), Enumerable.Range(1, seats).Select(i => $"A{i}").ToList(),
        Enumerable.Range(1, seats).Select(i => new Passenger($"P{i}", "+8801712345678", Gender.Male, $"A{i}")).ToList(),
        new BookingContact("+8801712345678", null), 1000, 1000 * seats, "Online",
        new BookingPayment("simulated", PaymentStatus.RequiresPayment, 1000 * seats, null, null),
        HoldEnds, null, [], Now, null);

    private static Booking Started() =>
        new(new Booking(Pending()).StartPayment("sim_1", "secret", HoldEnds.AddMinutes(5), Now).Booking!);

    private static Booking Confirmed() => new(Started().Confirm("sim_1", SaleId, ["A1", "A2"], false, Now).Booking!);

    private static BookingEventRecord Single(BookingOutcome outcome) => Assert.Single(outcome.Events);

    [Fact]
    public void Create_IsPendingPayment_AndProducesTheCreatedEvent()
    {
        var outcome = Booking.Create(Pending(), Now);

        var created = Single(outcome);
        Assert.Equal(("booking.created", BookingStatus.PendingPayment, "alice", Now), (created.Kind, created.Status, created.Actor, created.At));
        Assert.Equal("Seats A1, A2 held for 2 passenger(s); 2000 BDT to pay.", created.Detail);
    }

    [Fact]
    public void StartPayment_RecordsTheReferenceAndTheExtendedHold()
    {
        var outcome = new Booking(Pending()).StartPayment("sim_1", "secret", HoldEnds.AddMinutes(5), Now);

        Assert.Equal(("sim_1", "secret", HoldEnds.AddMinutes(5)), (outcome.Booking!.Payment.Reference, outcome.Booking.Payment.ClientSecret, outcome.Booking.HoldExpiresAt));
        Assert.Equal("booking.payment-started", Single(outcome).Kind);
    }

    [Fact]
    public void StartPayment_Repeated_IsAnsweredUnchanged_AndASecondPaymentIsRefused()
    {
        var started = Started();

        var repeat = started.CheckStartPayment("sim_1");
        var other = started.CheckStartPayment("sim_2");

        Assert.False(repeat!.Changed);
        Assert.Null(repeat.Failure);
        Assert.Equal(BookingErrorCode.InvalidRequest, other!.Failure!.Code);
        Assert.Null(new Booking(Pending()).CheckStartPayment("sim_1"));
    }

    [Fact]
    public void Confirm_PaysAndConfirms_WithTheSale()
    {
        var outcome = Started().Confirm("sim_1", SaleId, ["A1", "A2"], false, Now);

        Assert.Equal((BookingStatus.Confirmed, PaymentStatus.Succeeded, SaleId, (string?)null),
            (outcome.Booking!.Status, outcome.Booking.Payment.Status, outcome.Booking.SaleId, outcome.Booking.Payment.ClientSecret));
        var confirmed = Single(outcome);
        Assert.Equal(("booking.confirmed", Booking.SystemActor, "Payment received; seats A1, A2 are yours."), (confirmed.Kind, confirmed.Actor, confirmed.Detail));
    }

    [Fact]
    public void PaymentSucceeded_OfAnotherPayment_IsRefused_AndADuplicateChangesNothing()
    {
        Assert.Equal(BookingErrorCode.InvalidRequest, Started().CheckPaymentSucceeded("sim_other")!.Failure!.Code);
        var duplicate = Confirmed().CheckPaymentSucceeded("sim_1")!;
        Assert.Null(duplicate.Failure);
        Assert.False(duplicate.Changed);
        Assert.Null(Started().CheckPaymentSucceeded("sim_1"));
    }

    [Fact]
    public void PaidWrongAmount_CancelsWithTheWholeAmountReceivedOwedBack()
    {
        var started = Started();
        Assert.False(started.PaysTheFare(150_000));
        Assert.True(started.PaysTheFare(200_000));

        var outcome = started.PaidWrongAmount("sim_1", 150_000, Now);

        Assert.Equal(BookingStatus.Cancelled, outcome.Booking!.Status);
        Assert.Equal((1500m, 100, false), (outcome.Booking.Refund!.Amount, outcome.Booking.Refund.Percent, outcome.Booking.Refund.Completed));
        Assert.Equal("booking.refund-due", Single(outcome).Kind);
    }

    [Fact]
    public void ConfirmFailed_AfterAnExpiredHold_CancelsWithTheFullFareOwed()
    {
        var expired = new Booking(new Booking(Pending()).Expire(HoldEnds).Booking!);

        var outcome = expired.ConfirmFailed("sim_1", late: true, "taken", HoldEnds.AddMinutes(1));

        Assert.Equal((BookingStatus.Cancelled, 2000m, PaymentStatus.Succeeded), (outcome.Booking!.Status, outcome.Booking.Refund!.Amount, outcome.Booking.Payment.Status));
        Assert.Equal("booking.refund-due", Single(outcome).Kind);
    }

    [Fact]
    public void Expire_BeforeTheDeadline_ChangesNothing_AndAtItExpires()
    {
        var booking = new Booking(Pending());

        var early = booking.Expire(HoldEnds.AddTicks(-1));
        var due = booking.Expire(HoldEnds);

        Assert.False(early.Changed);
        Assert.Equal(BookingStatus.Expired, due.Booking!.Status);
        Assert.Equal(("booking.expired", BookingStatus.Expired), (Single(due).Kind, Single(due).Status));
        Assert.False(new Booking(due.Booking).AwaitsPayment);
        Assert.False(Confirmed().Expire(HoldEnds.AddDays(1)).Changed);
    }

    [Fact]
    public void LatePayment_ConfirmsAnExpiredBooking()
    {
        var expired = new Booking(new Booking(Pending()).Expire(HoldEnds).Booking!);
        Assert.Null(expired.CheckPaymentSucceeded("sim_1"));

        var outcome = expired.Confirm("sim_1", SaleId, ["A1", "A2"], late: true, HoldEnds.AddMinutes(1));

        Assert.Equal(BookingStatus.Confirmed, outcome.Booking!.Status);
        Assert.StartsWith("Payment received after the hold expired", Single(outcome).Detail);
    }

    [Fact]
    public void PaymentFailed_WhileTheHoldRuns_KeepsTheSeatsHeldAndWaiting_AndAFailureAfterASuccessChangesNothing()
    {
        var failed = Started().PaymentFailed("card declined", Now);

        Assert.Equal((BookingStatus.PendingPayment, PaymentStatus.Failed), (failed.Booking!.Status, failed.Booking.Payment.Status));
        Assert.Equal(HoldEnds.AddMinutes(5), failed.Booking.HoldExpiresAt);
        Assert.Equal("booking.payment-attempt-failed", Single(failed).Kind);
        Assert.Equal($"The payment failed: card declined The seats stay held until {HoldEnds.AddMinutes(5):u}: pay again or choose another method.",
            Single(failed).Detail);
        Assert.True(new Booking(failed.Booking).AwaitsPayment, "the payment deadline still runs");
        Assert.False(Confirmed().CheckPaymentFailed("sim_1")!.Changed);
        Assert.Equal(BookingErrorCode.InvalidRequest, Started().CheckPaymentFailed("sim_other")!.Failure!.Code);
    }

    [Fact]
    public void PaymentFailed_AfterTheHoldRanOut_FailsTheBookingAndReleasesTheSeats()
    {
        var failed = Started().PaymentFailed("card declined", HoldEnds.AddMinutes(5));

        Assert.Equal((BookingStatus.PaymentFailed, PaymentStatus.Failed), (failed.Booking!.Status, failed.Booking.Payment.Status));
        Assert.Equal(("booking.payment-failed", "The payment failed: card declined The seats were released."), (Single(failed).Kind, Single(failed).Detail));
    }

    [Fact]
    public void PaymentFailed_ThenASecondFailure_ChangesNothing()
    {
        var failed = new Booking(Started().PaymentFailed("card declined", Now).Booking!);

        Assert.False(failed.CheckPaymentFailed("sim_1")!.Changed);
    }

    [Fact]
    public void PaymentFailed_ThenRetried_ThenPaid_ConfirmsTheSameHold()
    {
        var failed = new Booking(Started().PaymentFailed("card declined", Now).Booking!);

        Assert.Null(failed.CheckRetryPayment("bkash", null, Now.AddMinutes(1)));
        var retried = failed.RetryPayment("bkash", "bk_2", "https://wallet/2", Now.AddMinutes(1));
        var again = new Booking(retried.Booking!);
        Assert.Null(again.CheckPaymentSucceeded("bk_2"));
        var paid = again.Confirm("bk_2", SaleId, ["A1", "A2"], late: false, Now.AddMinutes(2), "TRX2");

        Assert.Equal(new BookingPayment("bkash", PaymentStatus.RequiresPayment, 2000, "bk_2", "https://wallet/2", null, 2), retried.Booking!.Payment);
        Assert.Equal(HoldEnds.AddMinutes(5), retried.Booking.HoldExpiresAt);
        Assert.Equal(("booking.payment-retried", "alice"), (Single(retried).Kind, Single(retried).Actor));
        Assert.Equal((BookingStatus.Confirmed, PaymentStatus.Succeeded, "TRX2"), (paid.Booking!.Status, paid.Booking.Payment.Status, paid.Booking.Payment.TransactionId));
        Assert.Equal("Payment received; seats A1, A2 are yours.", Single(paid).Detail);
        Assert.Equal(BookingErrorCode.InvalidRequest, again.CheckPaymentSucceeded("sim_1")!.Failure!.Code);
    }

    [Fact]
    public void PaymentFailed_ThenPaidWithTheSamePayment_Confirms()
    {
        // A Stripe PaymentIntent takes another card after a failure: its success counts without a retry request.
        var failed = new Booking(Started().PaymentFailed("card declined", Now).Booking!);

        Assert.Null(failed.CheckPaymentSucceeded("sim_1"));
        Assert.Equal(BookingStatus.Confirmed, failed.Confirm("sim_1", SaleId, ["A1", "A2"], false, Now).Booking!.Status);
    }

    [Fact]
    public void PaymentFailed_ThenTheHoldRunsOut_FailsTheBooking_AndARetryIsRefusedAsHoldExpired()
    {
        var failed = new Booking(Started().PaymentFailed("card declined", Now).Booking!);

        var early = failed.Expire(HoldEnds.AddMinutes(5).AddTicks(-1));
        var expiry = failed.Expire(HoldEnds.AddMinutes(5));
        var after = new Booking(expiry.Booking!);

        Assert.False(early.Changed);
        Assert.Equal((BookingStatus.PaymentFailed, "booking.payment-failed"), (expiry.Booking!.Status, Single(expiry).Kind));
        Assert.Equal("The payment failed and the hold ran out before it was paid again; the seats were released.", Single(expiry).Detail);
        Assert.False(after.AwaitsPayment);
        Assert.Equal(BookingErrorCode.HoldExpired, after.CheckRetryPayment("simulated", null, HoldEnds.AddMinutes(6))!.Failure!.Code);
        Assert.Equal(BookingErrorCode.HoldExpired, failed.CheckRetryPayment("simulated", null, HoldEnds.AddMinutes(5))!.Failure!.Code);
    }

    [Fact]
    public void CheckRetryPayment_OfAPaymentThatHasNotFailed_IsRefused_AndTheSameAttemptAgainIsAnsweredUnchanged()
    {
        var retried = new Booking(new Booking(Started().PaymentFailed("declined", Now).Booking!)
            .RetryPayment("simulated", "sim_1", null, Now).Booking!);

        Assert.Equal(BookingErrorCode.PaymentNotRetryable, Started().CheckRetryPayment("bkash", null, Now)!.Failure!.Code);
        Assert.Equal(BookingErrorCode.PaymentNotRetryable, Confirmed().CheckRetryPayment("simulated", null, Now)!.Failure!.Code);
        Assert.False(retried.CheckRetryPayment("simulated", "sim_1", Now)!.Changed);
        Assert.False(retried.CheckRetryPayment("simulated", null, Now)!.Changed);
        Assert.Equal(BookingErrorCode.PaymentNotRetryable, retried.CheckRetryPayment("bkash", null, Now)!.Failure!.Code);
        Assert.Equal(3, retried.Current.Payment.NextAttempt);
    }

    [Fact]
    public void Cancel_AConfirmedBooking_OwesTheQuotedRefund()
    {
        var outcome = Confirmed().Cancel(new RefundQuote(75, 1500m, "More than 24 hours before departure."), "alice", Now);

        Assert.Equal((BookingStatus.Cancelled, 1500m, 75), (outcome.Booking!.Status, outcome.Booking.Refund!.Amount, outcome.Booking.Refund.Percent));
        Assert.True(outcome.Booking.RefundOutstanding);
        Assert.Equal(("booking.cancelled", "alice"), (Single(outcome).Kind, Single(outcome).Actor));
    }

    [Fact]
    public void Cancel_IsRefusedAsNotCancellable_BeforePayment_AfterDeparture_AndWhenAlreadyCancelled()
    {
        var quote = new RefundQuote(100, 2000m, "Trip cancelled.");
        var cancelled = new Booking(Confirmed().Cancel(quote, "alice", Now).Booking!);

        Assert.Equal(BookingErrorCode.NotCancellable, new Booking(Pending()).CheckCancellable(Now)!.Code);
        Assert.Equal("The coach has already departed.", Confirmed().CheckCancellable(Leaves)!.Detail);
        Assert.Equal("The booking is already cancelled.", cancelled.CheckCancellable(Now)!.Detail);
        Assert.Equal(BookingErrorCode.NotCancellable, new Booking(Pending()).Cancel(quote, "alice", Now).Failure!.Code);
        Assert.Null(Confirmed().CheckCancellable(Now));
    }

    [Fact]
    public void RefundCompleted_CompletesAnOwedRefund_AndARefundFromTheProviderDashboardReleasesTheSeats()
    {
        var owed = new Booking(Confirmed().Cancel(new RefundQuote(75, 1500m, "Early."), "alice", Now).Booking!);

        var completed = owed.RefundCompleted(new RefundCompleted("re_1", 150_000), false, Now, out var releasesOwed);
        var external = Confirmed().RefundCompleted(new RefundCompleted("re_2", 200_000), false, Now, out var releasesExternal);
        var covered = Confirmed().RefundCompleted(new RefundCompleted("re_3", 50_000), true, Now, out var releasesCovered);

        Assert.Equal((BookingStatus.Refunded, true, "re_1", false), (completed.Booking!.Status, completed.Booking.Refund!.Completed, completed.Booking.Refund.Reference, releasesOwed));
        Assert.Equal("booking.refunded", Single(completed).Kind);
        Assert.Equal((BookingStatus.Refunded, 100, true), (external.Booking!.Status, external.Booking.Refund!.Percent, releasesExternal));
        Assert.Equal((false, false), (covered.Changed, releasesCovered));
    }

    [Fact]
    public void TripCancelled_CancelsAConfirmedBookingWithTheFullFare_AndLeavesOthersAlone()
    {
        var outcome = Confirmed().TripCancelled(new TripCancelledNotice("ops-1", "Flood"), "cash", Now);

        Assert.Equal((BookingStatus.Cancelled, 2000m, 100), (outcome.Booking!.Status, outcome.Booking.Refund!.Amount, outcome.Booking.Refund.Percent));
        Assert.Equal(("booking.trip-cancelled", "ops-1"), (Single(outcome).Kind, Single(outcome).Actor));
        Assert.EndsWith("to the original payment.", outcome.Booking.Refund.Reason);
        Assert.False(new Booking(Pending()).TripCancelled(new TripCancelledNotice("ops-1", "Flood"), "cash", Now).Changed);
    }

    [Fact]
    public void TripDelayed_MovesTheJourney_RepeatsChangeNothing_AndUnknownStopsAreRefused()
    {
        var later = new List<TripStop> { new(Fixtures.TestTrips.Dhaka, Leaves.AddHours(2)), new(Fixtures.TestTrips.Jashore, Leaves.AddHours(6)) };
        var booking = Confirmed();

        var delayed = booking.TripDelayed(new TripDelayedNotice(later, "ops-2", "Fog"), Now);
        var again = new Booking(delayed.Booking!).TripDelayed(new TripDelayedNotice(later, "ops-2", "Fog"), Now);
        var elsewhere = booking.TripDelayed(new TripDelayedNotice([new(Fixtures.TestTrips.Dhaka, Leaves)], "ops-2", "Fog"), Now);

        Assert.Equal((Leaves.AddHours(2), Leaves.AddHours(6)), (delayed.Booking!.Journey.Departure, delayed.Booking.Journey.Arrival));
        Assert.Equal("booking.trip-delayed", Single(delayed).Kind);
        Assert.False(again.Changed);
        Assert.Equal(BookingErrorCode.InvalidRequest, elsewhere.Failure!.Code);
    }

    [Fact]
    public void TripDelayed_RecordsTheOldDeparture_SoTheTicketCanShowOldAndNew()
    {
        var later = new List<TripStop> { new(Fixtures.TestTrips.Dhaka, Leaves.AddHours(2)), new(Fixtures.TestTrips.Jashore, Leaves.AddHours(6)) };

        var delayed = Confirmed().TripDelayed(new TripDelayedNotice(later, "ops-2", "Fog"), Now);

        Assert.Equal(Leaves, DateTimeOffset.Parse(Single(delayed).Previous!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TripCoachChanged_MovesTheBookingToTheNewCoach_RecordsTheOldOne_AndRepeatsChangeNothing()
    {
        var booking = Confirmed();
        var before = booking.Current.Journey.CoachRegistration;
        var notice = new TripCoachChangedNotice("Dhaka Metro Ba-99-4242", "AcEconomy", "ops-2", "Breakdown");

        var changed = booking.TripCoachChanged(notice, Now);
        var again = new Booking(changed.Booking!).TripCoachChanged(notice, Now);
        var cancelled = new Booking(booking.Current with { Status = BookingStatus.Cancelled }).TripCoachChanged(notice, Now);

        Assert.Equal(("Dhaka Metro Ba-99-4242", "AcEconomy"), (changed.Booking!.Journey.CoachRegistration, changed.Booking.Journey.CoachClass));
        var record = Single(changed);
        Assert.Equal("booking.coach-changed", record.Kind);
        Assert.Equal(before, record.Previous);
        Assert.False(again.Changed);
        Assert.False(cancelled.Changed);
    }

    [Fact]
    public void Move_ToAStatusTheBookingMayNotReach_Throws()
    {
        var refunded = new Booking(Confirmed().RefundCompleted(new RefundCompleted("re_1", 200_000), false, Now, out _).Booking!);

        Assert.Throws<InvalidOperationException>(() =>
            refunded.Move(refunded.Current with { Status = BookingStatus.Confirmed }, Now, "booking.confirmed", "again", "alice"));
    }
}
