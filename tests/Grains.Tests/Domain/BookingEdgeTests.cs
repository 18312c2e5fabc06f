using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>
/// The booking state machine at the edges mutation testing found unchecked: preconditions of the two ways a booking
/// starts, reordered or stray payment and refund messages, and the wording a passenger is shown.
/// </summary>
public sealed class BookingEdgeTests
{
    private static readonly DateTimeOffset Leaves = Fixtures.TestTrips.Departure;
    private static readonly DateTimeOffset Now = Leaves.AddDays(-3);
    private static readonly DateTimeOffset HoldEnds = Now.AddMinutes(10);

    private static BookingView Pending(string provider = "simulated") => new(
        "DP-ABCDEF", BookingStatus.PendingPayment, "alice", "token",
        new BookingJourney("DHK-KOL-20261220-2230", "Dhaka – Kolkata", "ঢাকা – কলকাতা", Dhaka, Jashore, Leaves, Leaves.AddHours(4),
            "AcEconomy", "Dhaka Metro Ba-15-4101"),
        Guid.NewGuid(), ["A1", "A2"],
        [new Passenger("P1", "+8801712345678", Gender.Male, "A1"), new Passenger("P2", "+8801712345678", Gender.Female, "A2")],
        new BookingContact("+8801712345678", null), 1000, 2000, "Online",
        new BookingPayment(provider, PaymentStatus.RequiresPayment, 2000, null, null),
        HoldEnds, null, [], Now, null);

    private static Booking Started(string provider = "simulated") =>
        new(new Booking(Pending(provider)).StartPayment("pay_1", "secret", HoldEnds, Now).Booking!);

    private static Booking Confirmed(string provider = "simulated") =>
        new(Started(provider).Confirm("pay_1", Guid.NewGuid(), ["A1", "A2"], false, Now).Booking!);

    private static Booking Cancelled() =>
        new(Confirmed().Cancel(new RefundQuote(75, 1500m, "Early."), "alice", Now).Booking!);

    [Fact]
    public void Create_OfABookingThatIsNotPendingPayment_Throws()
    {
        Assert.Throws<ArgumentException>(() => Booking.Create(Pending() with { Status = BookingStatus.Confirmed }, Now));
    }

    [Fact]
    public void SellAtCounter_IsConfirmedAtOnce_AndRefusesABookingThatIsNotConfirmed()
    {
        var sold = Booking.SellAtCounter(Pending() with { Status = BookingStatus.Confirmed }, "dhaka-kalyanpur", Now);

        Assert.Equal(("booking.confirmed", BookingStatus.Confirmed), (Assert.Single(sold.Events).Kind, sold.Booking!.Status));
        Assert.Throws<ArgumentException>(() => Booking.SellAtCounter(Pending(), "dhaka-kalyanpur", Now));
    }

    [Fact]
    public void ConfirmFailed_WhileTheHoldWasLive_NamesTheTripsReason_AndOwesTheFullFareNotYetPaidBack()
    {
        var failed = Started().ConfirmFailed("pay_1", late: false, "seat A1 is blocked", Now);

        Assert.Equal((BookingStatus.Cancelled, 2000m, 100, false),
            (failed.Booking!.Status, failed.Booking.Refund!.Amount, failed.Booking.Refund.Percent, failed.Booking.Refund.Completed));
        Assert.Contains("seat A1 is blocked", failed.Booking.Refund.Reason);
    }

    [Fact]
    public void CheckPaymentFailed_LetsAPendingBookingFail_ButAnExpiredBookingChangesNothing()
    {
        var expired = new Booking(Started().Expire(HoldEnds).Booking!);

        Assert.Null(Started().CheckPaymentFailed("pay_1"));
        Assert.Equal(BookingStatus.Expired, expired.Current.Status);
        Assert.False(expired.CheckPaymentFailed("pay_1")!.Changed);
    }

    [Fact]
    public void PaymentFailed_WithoutAReason_SaysSo_AndALongReasonIsCutTo200Characters()
    {
        // After the hold, so the wording is the final one (the seats are released).
        var silent = Started().PaymentFailed(" ", HoldEnds);
        var exact = Started().PaymentFailed(new string('x', 200), HoldEnds);
        var longWinded = Started().PaymentFailed(new string('y', 250), HoldEnds);

        Assert.Equal("The payment failed. The seats were released.", Assert.Single(silent.Events).Detail);
        Assert.Contains(new string('x', 200), Assert.Single(exact.Events).Detail);
        Assert.Equal($"The payment failed: {new string('y', 200)} The seats were released.", Assert.Single(longWinded.Events).Detail);
    }

    [Fact]
    public void RefundCompleted_ForNothing_OrForABookingThatWasNeverConfirmed_ChangesNothing()
    {
        var zero = Confirmed().RefundCompleted(new RefundCompleted("re_0", 0), false, Now, out var releasesZero);
        var unpaid = Started().RefundCompleted(new RefundCompleted("re_1", 200_000), false, Now, out var releasesUnpaid);

        Assert.Equal((false, false), (zero.Changed, releasesZero));
        Assert.Equal((false, false), (unpaid.Changed, releasesUnpaid));
    }

    [Fact]
    public void RefundCompleted_FromTheProviderDashboard_IsRecordedAsAlreadyPaidBack()
    {
        var external = Confirmed().RefundCompleted(new RefundCompleted("re_2", 100_000), false, Now, out _);

        Assert.Equal((true, "re_2", 50, 1000m), (external.Booking!.Refund!.Completed, external.Booking.Refund.Reference,
            external.Booking.Refund.Percent, external.Booking.Refund.Amount));
    }

    [Fact]
    public void TripCancelled_OfAnAlreadyCancelledBooking_ChangesNothing()
    {
        var outcome = Cancelled().TripCancelled(new TripCancelledNotice("ops-1", "Flood"), "cash", Now);

        Assert.False(outcome.Changed);
    }

    [Fact]
    public void TripCancelled_OfACashSale_OwesTheFareInCashAtTheCounter_NotYetPaid()
    {
        var outcome = Confirmed("cash").TripCancelled(new TripCancelledNotice("ops-1", "Flood"), "cash", Now);

        Assert.EndsWith("in cash at the counter.", outcome.Booking!.Refund!.Reason);
        Assert.False(outcome.Booking.Refund.Completed);
    }

    [Fact]
    public void TripDelayed_WhenOnlyTheArrivalMoves_MovesTheJourney()
    {
        var stops = new List<TripStop> { new(Dhaka, Leaves), new(Jashore, Leaves.AddHours(5)) };

        var outcome = Confirmed().TripDelayed(new TripDelayedNotice(stops, "ops-2", "Road works"), Now);

        Assert.Equal((Leaves, Leaves.AddHours(5)), (outcome.Booking!.Journey.Departure, outcome.Booking.Journey.Arrival));
    }

    [Fact]
    public void TripDelayed_WithoutTheBoardingStop_IsRefused()
    {
        var outcome = Confirmed().TripDelayed(new TripDelayedNotice([new(Jashore, Leaves.AddHours(5))], "ops-2", "Fog"), Now);

        Assert.Equal(BookingErrorCode.InvalidRequest, outcome.Failure!.Code);
    }

    [Fact]
    public void CheckCancellable_BeforePayment_SaysOnlyAConfirmedBookingCanBeCancelled()
    {
        Assert.Equal("Only a confirmed booking can be cancelled.", Started().CheckCancellable(Now)!.Detail);
    }

    [Fact]
    public void TripDelayed_OfACancelledBooking_ChangesNothing()
    {
        var stops = new List<TripStop> { new(Dhaka, Leaves.AddHours(2)), new(Jashore, Leaves.AddHours(6)) };

        Assert.False(Cancelled().TripDelayed(new TripDelayedNotice(stops, "ops-2", "Fog"), Now).Changed);
    }
}
