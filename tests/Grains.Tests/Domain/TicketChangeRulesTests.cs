using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class TicketChangeRulesTests
{
    private static BookingView Booking(BookingStatus status = BookingStatus.Confirmed, int passengers = 2, int farePerSeat = 1000) => new(
        "DP-ABCDEF", status, "alice", "token",
        new BookingJourney("DHK-KOL-20261220-2230", "Dhaka – Kolkata", "ঢাকা – কলকাতা", Dhaka, Jashore, Departure, Departure.AddHours(4),
            "AcEconomy", "Dhaka Metro Ba-15-4101"),
        Guid.NewGuid(), Enumerable.Range(1, passengers).Select(i => $"A{i}").ToList(),
        Enumerable.Range(1, passengers).Select(i => new Passenger($"P{i}", "+8801712345678", Gender.Male, $"A{i}")).ToList(),
        new BookingContact("+8801712345678", null), farePerSeat, farePerSeat * passengers, "Online",
        new BookingPayment("simulated", PaymentStatus.Succeeded, farePerSeat * passengers, "sim_DP-ABCDEF", null),
        Departure, null, [], Departure.AddDays(-10), status == BookingStatus.Confirmed ? Guid.NewGuid() : null);

    private static BookingFailure? RefusalAt(TimeSpan beforeDeparture, TimeSpan cutoff, BookingView? booking = null) =>
        TicketChangeRules.Refusal(booking ?? Booking(), cutoff, "Trip changes", new FakeTimeProvider(Departure - beforeDeparture).GetUtcNow());

    [Fact]
    public void Refusal_OneMinuteBeforeTheCutoff_AllowsTheChange() =>
        Assert.Null(RefusalAt(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1), TimeSpan.FromHours(6)));

    [Fact]
    public void Refusal_ExactlyAtTheCutoff_IsCutoffPassed() =>
        Assert.Equal(BookingErrorCode.ChangeCutoffPassed, RefusalAt(TimeSpan.FromHours(6), TimeSpan.FromHours(6))!.Code);

    [Fact]
    public void Refusal_AtDeparture_IsNotChangeable() =>
        Assert.Equal(BookingErrorCode.NotChangeable, RefusalAt(TimeSpan.Zero, TimeSpan.Zero)!.Code);

    [Theory]
    [InlineData(BookingStatus.Cancelled)]
    [InlineData(BookingStatus.Refunded)]
    [InlineData(BookingStatus.PendingPayment)]
    public void Refusal_OfABookingThatIsNotConfirmed_IsNotChangeable(BookingStatus status) =>
        Assert.Equal(BookingErrorCode.NotChangeable, RefusalAt(TimeSpan.FromDays(3), TimeSpan.FromHours(6), Booking(status))!.Code);

    [Fact]
    public void Quote_ToADearerLeg_ChargesTheDifferencePlusTheFee()
    {
        // Dhaka → Benapole costs 1000 + 250 per seat on the test trip.
        var quote = TicketChangeRules.Quote(Booking(), Kolkata40("DHK-KOL-20261221-2230"), 0, 2, fee: 100);

        Assert.Equal(1250, quote.FarePerSeat);
        Assert.Equal(2500, quote.NewTotal);
        Assert.Equal(2000, quote.CurrentTotal);
        Assert.Equal(600, quote.AmountDue);
    }

    [Fact]
    public void Quote_ToACheaperDeparture_RefundsTheDifferenceLessTheFee()
    {
        var quote = TicketChangeRules.Quote(Booking(farePerSeat: 1400), Kolkata40("DHK-KOL-20261221-2230"), 0, 1, fee: 100);

        Assert.Equal(2000, quote.NewTotal);
        Assert.Equal(-700, quote.AmountDue);
    }

    [Fact]
    public void Quote_AtTheSameFare_CostsExactlyTheFee()
    {
        var quote = TicketChangeRules.Quote(Booking(), Kolkata40("DHK-KOL-20261221-2230"), 0, 1, fee: 150);

        Assert.Equal(150, quote.AmountDue);
    }

    [Theory]
    [InlineData(48 * 60, 90, 900)]
    [InlineData(48 * 60 - 1, 75, 750)]
    [InlineData(12 * 60, 50, 500)]
    [InlineData(12 * 60 - 1, 0, 0)]
    public void PassengerRefund_AtPolicyBoundaries_IsThatPercentOfOneTravellersShare(int minutesBefore, int percent, int amount)
    {
        var now = new FakeTimeProvider(Departure - TimeSpan.FromMinutes(minutesBefore)).GetUtcNow();

        var quote = TicketChangeRules.PassengerRefund(RefundPolicy.Default, Booking(passengers: 3), now, tripCancelled: false);

        Assert.Equal(percent, quote.Percent);
        Assert.Equal(amount, quote.Amount);
    }

    [Fact]
    public void PassengerRefund_OnATripCancelledByOperations_IsTheWholeShare() =>
        Assert.Equal(1000m, TicketChangeRules.PassengerRefund(RefundPolicy.Default, Booking(), Departure.AddHours(-1), tripCancelled: true).Amount);
}
