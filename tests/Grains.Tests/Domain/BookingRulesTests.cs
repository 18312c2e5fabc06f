using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class BookingRulesTests
{
    [Fact]
    public void Pnr_ForAHold_IsStableWellFormedAndFreeOfLookAlikes()
    {
        var hold = Guid.NewGuid();

        var pnr = Pnr.ForHold(hold);

        Assert.Equal(pnr, Pnr.ForHold(hold));
        Assert.NotEqual(pnr, Pnr.ForHold(hold, attempt: 1));
        Assert.Matches("^DP-[2-9A-HJKMNP-Z]{6}$", pnr);
        Assert.True(Pnr.IsWellFormed(pnr));
    }

    [Fact]
    public void Pnr_Alphabet_HasNoZeroOhOneOrEye()
    {
        Assert.DoesNotContain('0', Pnr.Alphabet);
        Assert.DoesNotContain('O', Pnr.Alphabet);
        Assert.DoesNotContain('1', Pnr.Alphabet);
        Assert.DoesNotContain('I', Pnr.Alphabet);
        Assert.All(Enumerable.Range(0, 200).Select(_ => Pnr.New()), p => Assert.True(Pnr.IsWellFormed(p)));
    }

    [Theory]
    [InlineData("DP-7K3M9O")]
    [InlineData("dp-7K3M9Q")]
    [InlineData("DP-7K3M9")]
    [InlineData("")]
    public void Pnr_IsWellFormed_RejectsOtherShapes(string value) => Assert.False(Pnr.IsWellFormed(value));

    [Theory]
    [InlineData("01712345678", "+8801712345678")]
    [InlineData("+8801712345678", "+8801712345678")]
    [InlineData("8801912-345 678", "+8801912345678")]
    [InlineData("01212345678", null)]
    [InlineData("0171234567", null)]
    [InlineData("+9101712345678", null)]
    [InlineData("phone", null)]
    public void Phone_Normalize_AcceptsBangladeshiMobilesOnly(string input, string? expected) =>
        Assert.Equal(expected, PhoneNumber.Normalize(input));

    [Fact]
    public void Passengers_AreSeatedInSeatOrderWithNormalisedPhones()
    {
        var (passengers, failure) = PassengerRules.Seat(
            [new PassengerInput(" Rahim ", "01712345678", Gender.Male), new PassengerInput("Karima", "01812345678", Gender.Female)],
            ["A1", "A2"]);

        Assert.Null(failure);
        Assert.Equal([new Passenger("Rahim", "+8801712345678", Gender.Male, "A1"), new Passenger("Karima", "+8801812345678", Gender.Female, "A2")],
            passengers);
    }

    [Fact]
    public void Passengers_FewerThanSeats_AreACountMismatch()
    {
        var (_, failure) = PassengerRules.Seat([new PassengerInput("Rahim", "01712345678", Gender.Male)], ["A1", "A2"]);

        Assert.Equal(BookingErrorCode.PassengerCountMismatch, failure!.Code);
    }

    [Theory]
    [InlineData("", "01712345678")]
    [InlineData("Rahim", "12345")]
    public void Passengers_WithoutNameOrWithABadPhone_AreInvalid(string name, string phone)
    {
        var (_, failure) = PassengerRules.Seat([new PassengerInput(name, phone, Gender.Male)], ["A1"]);

        Assert.Equal(BookingErrorCode.InvalidPassenger, failure!.Code);
    }

    [Fact]
    public void Transitions_FollowTheBookingLifecycle()
    {
        Assert.True(BookingTransitions.CanMove(BookingStatus.PendingPayment, BookingStatus.Confirmed));
        Assert.True(BookingTransitions.CanMove(BookingStatus.Expired, BookingStatus.Confirmed));
        Assert.True(BookingTransitions.CanMove(BookingStatus.Confirmed, BookingStatus.Cancelled));
        Assert.True(BookingTransitions.CanMove(BookingStatus.Cancelled, BookingStatus.Refunded));
        Assert.False(BookingTransitions.CanMove(BookingStatus.Refunded, BookingStatus.Confirmed));
        Assert.False(BookingTransitions.CanMove(BookingStatus.Cancelled, BookingStatus.Confirmed));
        Assert.False(BookingTransitions.CanMove(BookingStatus.Confirmed, BookingStatus.PaymentFailed));
    }
}
