using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>Passenger phones, passports on cross-border journeys, boarding/dropping points and the fare breakdown.</summary>
public sealed class BookingDetailsRulesTests
{
    private static readonly DateOnly TravelDay = new(2026, 12, 31);
    private static readonly Passport Valid = new("eb 1234567", "bgd", new DateOnly(2027, 6, 30));

    private static PassengerInput Rahim(string phone = "", Passport? passport = null) => new("Rahim", phone, Gender.Male, passport);

    [Fact]
    public void Passengers_WithoutAPhone_AreAccepted_AndOneNumberMayRepeat()
    {
        var (passengers, failure) = PassengerRules.Seat([Rahim(), Rahim("01712345678"), Rahim("01712345678")], ["A1", "A2", "A3"]);

        Assert.Null(failure);
        Assert.Equal(["", "+8801712345678", "+8801712345678"], passengers!.Select(p => p.Phone));
    }

    [Fact]
    public void Passport_ExpiringExactlySixMonthsAfterTravel_IsAccepted_InCanonicalForm()
    {
        var (passengers, failure) = PassengerRules.Seat([Rahim(passport: Valid)], ["A1"], TravelDay);

        Assert.Null(failure);
        Assert.Equal(new Passport("EB1234567", "BGD", new DateOnly(2027, 6, 30)), passengers![0].Passport);
    }

    [Fact]
    public void Passport_ExpiringTheDayBeforeSixMonthsAfterTravel_IsRefusedNamingTheExpiry()
    {
        var (_, failure) = PassengerRules.Seat([Rahim(passport: Valid), Rahim(passport: Valid with { Expiry = new DateOnly(2027, 6, 29) })],
            ["A1", "A2"], TravelDay);

        Assert.Equal(BookingErrorCode.InvalidPassport, failure!.Code);
        Assert.StartsWith("Passenger 2: passport.expiry", failure.Detail);
    }

    [Theory]
    [InlineData(null, "passport.number")]
    [InlineData("", "passport.number")]
    [InlineData("AB-12", "passport.number")]
    [InlineData("EB1234567X9", "passport.number")]
    public void Passport_WithAMissingOrMalformedNumber_IsRefusedNamingTheNumber(string? number, string field)
    {
        var input = number is null ? Rahim() : Rahim(passport: Valid with { Number = number });

        var (_, failure) = PassengerRules.Seat([input], ["A1"], TravelDay);

        Assert.Equal(BookingErrorCode.InvalidPassport, failure!.Code);
        Assert.StartsWith($"Passenger 1: {field}", failure.Detail);
    }

    [Fact]
    public void Passport_WithABadNationality_IsRefusedNamingIt_AndTheNumberIsNeverInTheMessage()
    {
        var (_, failure) = PassengerRules.Seat([Rahim(passport: Valid with { Nationality = "Bangladesh" })], ["A1"], TravelDay);

        Assert.Equal(BookingErrorCode.InvalidPassport, failure!.Code);
        Assert.Contains("passport.nationality", failure.Detail);
        Assert.DoesNotContain("1234567", failure.Detail);
    }

    [Fact]
    public void Passport_OnAJourneyThatCrossesNoBorder_IsNotRequired_AndNotKept()
    {
        var (passengers, failure) = PassengerRules.Seat([Rahim(passport: Valid), Rahim()], ["A1", "A2"]);

        Assert.Null(failure);
        Assert.All(passengers!, p => Assert.Null(p.Passport));
    }

    private static readonly DateTimeOffset Departure = new(2026, 12, 31, 22, 30, 0, TimeSpan.FromHours(6));

    private static TripDefinition Trip(bool crossBorder = true) => new("DHK-KOL-20261231-2230", "dhk-kol", "DHK-KOL", "Dhaka – Kolkata",
        "ঢাকা – কলকাতা", "coach-01", "Ba-15-4101", CoachClass.AcEconomy, SeatLayouts.AcEconomy,
        [
            new TripStop("dhaka-kalyanpur", Departure), new TripStop("jashore", Departure.AddMinutes(270)),
            new TripStop("benapole", Departure.AddMinutes(360)), new TripStop("kolkata-marquis-street", Departure.AddMinutes(600)),
        ],
        [1000, 250, 1100], TimeSpan.FromMinutes(30), CrossBorder: crossBorder, AbroadStops: ["kolkata-marquis-street"]);

    [Fact]
    public void CrossesBorder_OnlyForAJourneyWithOneEndAbroad()
    {
        Assert.True(Trip().CrossesBorder("dhaka-kalyanpur", "kolkata-marquis-street"));
        Assert.True(Trip().CrossesBorder("jashore", "kolkata-marquis-street"));
        Assert.False(Trip().CrossesBorder("dhaka-kalyanpur", "benapole"));
        Assert.False(Trip(crossBorder: false).CrossesBorder("dhaka-kalyanpur", "kolkata-marquis-street"));
    }

    private static readonly Dictionary<string, Stop> Stops = new()
    {
        ["dhaka-kalyanpur"] = new("dhaka-kalyanpur", "Dhaka (Kalyanpur)", "ঢাকা (কল্যাণপুর)", "Dhaka", StopKind.Counter,
            [new("kalyanpur-counter", "Kalyanpur counter", "কল্যাণপুর কাউন্টার", 30), new("technical-more", "Technical more", "টেকনিক্যাল মোড়", 20, Dropping: false)]),
        ["jashore"] = new("jashore", "Jashore", "যশোর", "Jashore", StopKind.Counter),
        ["kolkata-marquis-street"] = new("kolkata-marquis-street", "Kolkata", "কলকাতা", "Kolkata", StopKind.Counter,
            [new("marquis-street-counter", "Marquis Street counter", "মারকুইস স্ট্রিট কাউন্টার", 45)], "IND"),
    };

    [Fact]
    public void BoardingPoints_ReportTheirMinutesBeforeTheCoach_AndAStopWithoutPointsIsItsOwnPoint()
    {
        var boarding = TripPoints.Boarding(Trip(), Stops);

        Assert.Equal(["kalyanpur-counter", "technical-more", "jashore", "benapole"], boarding.Select(p => p.Point.Id));
        Assert.Equal(Departure.AddMinutes(-20), boarding[1].At);
        Assert.Equal(Departure.AddMinutes(270 - TripPoints.DefaultReportMinutes), boarding[2].At);
        Assert.DoesNotContain(TripPoints.Dropping(Trip(), Stops), p => p.Point.Id == "technical-more");
    }

    [Fact]
    public void ResolvePoints_DefaultsToTheStopsFirstPoints_AndRefusesAPointOfAnotherStop()
    {
        var defaults = TripPoints.Resolve(Trip(), Stops, "dhaka-kalyanpur", "kolkata-marquis-street", null, " ");
        var picked = TripPoints.Resolve(Trip(), Stops, "dhaka-kalyanpur", "jashore", "technical-more", "jashore");

        Assert.Equal("kalyanpur-counter", defaults!.Boarding.Id);
        Assert.Equal("marquis-street-counter", defaults.Dropping.Id);
        Assert.Equal(Departure.AddMinutes(-20), picked!.Boarding.At);
        Assert.Null(TripPoints.Resolve(Trip(), Stops, "jashore", "kolkata-marquis-street", "technical-more", null));
        Assert.Null(TripPoints.Resolve(Trip(), Stops, "dhaka-kalyanpur", "kolkata-marquis-street", null, "no-such-point"));
    }

    [Fact]
    public void Fare_IsTheLegsPlusChargesLessTheDiscount()
    {
        var fare = FareRules.Price(Trip(), "dhaka-kalyanpur", "kolkata-marquis-street", 2, 4700, new FareTerms(20, 50, 1.5m, 5));

        Assert.Equal([1000, 250, 1100], fare.Legs.Select(l => l.PerSeat));
        Assert.Equal(4700, fare.Base);
        Assert.Equal(new FareCharge(FareBreakdown.ServiceCharge, 40), fare.Charges[0]);
        Assert.Equal(100, fare.Discount);
        // 1.5 % of 4,700 + 40 − 100 = 69.6, rounded to 70, plus the flat 5.
        Assert.Equal(new FareCharge(FareBreakdown.PaymentFee, 75), fare.Charges[1]);
        Assert.Equal(4700 + 40 + 75 - 100, fare.Total);
    }

    [Fact]
    public void Fare_WithoutTerms_IsTheHeldAmount_AndAHoldPricedOtherwiseKeepsItsPrice()
    {
        var plain = FareRules.Price(Trip(), "dhaka-kalyanpur", "jashore", 1, 1000, null);
        var repriced = FareRules.Price(Trip(), "dhaka-kalyanpur", "jashore", 2, 1800, null);

        Assert.Equal(1000, plain.Total);
        Assert.Empty(plain.Charges);
        Assert.Equal(1800, repriced.Total);
        Assert.Equal([900], repriced.Legs.Select(l => l.PerSeat));
    }

    [Fact]
    public void Fare_DiscountNeverExceedsTheFare()
    {
        var fare = FareRules.Price(Trip(), "dhaka-kalyanpur", "jashore", 1, 1000, new FareTerms(0, 5000, 0, 0));

        Assert.Equal(1000, fare.Discount);
        Assert.Equal(0, fare.Total);
    }
}
