using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Hosting.Tests.Notifications;

/// <summary>The ticket SMS says where to board, by when, and where to get off, in the passenger's language.</summary>
public sealed class NotificationPointsTests
{
    private readonly Hosting.Notifications.NotificationTemplates _templates = SampleBookings.Templates();

    private static BookingView WithPoints() => SampleBookings.Confirmed() with
    {
        Points = new BookingPoints(
            new BookingPoint("jatrabari", "dhaka-sayedabad", "Jatrabari", "যাত্রাবাড়ী", SampleBookings.Departure.AddMinutes(-20)),
            new BookingPoint("sylhet-kadamtali", "sylhet-kadamtali", "Sylhet (Kadamtali)", "সিলেট (কদমতলী)", SampleBookings.Departure.AddHours(6))),
    };

    [Fact]
    public void Confirmed_InEnglish_NamesTheBoardingPointItsReportingTimeAndTheDroppingPoint()
    {
        var sms = _templates.Render("booking.confirmed", WithPoints(), "en", "")!.Sms;

        Assert.EndsWith("Board at Jatrabari (report by 18:10); get off at Sylhet (Kadamtali).", sms);
    }

    [Fact]
    public void Confirmed_InBangla_NamesThePointsInBanglaWithBanglaDigits()
    {
        var sms = _templates.Render("booking.confirmed", WithPoints(), "bn", "")!.Sms;

        Assert.Contains("যাত্রাবাড়ী", sms);
        Assert.Contains("১৮:১০", sms);
        Assert.Contains("সিলেট (কদমতলী)", sms);
    }

    [Fact]
    public void ABookingWithoutPoints_KeepsTheMessageAsBefore()
    {
        var sms = _templates.Render("booking.confirmed", SampleBookings.Confirmed(), "en", "")!.Sms;

        Assert.DoesNotContain("Board at", sms);
    }
}
