using DiuParibahan.Grains.Bookings;
using DiuParibahan.Hosting.Notifications;

namespace DiuParibahan.Hosting.Tests.Notifications;

public sealed class NotificationTemplatesTests
{
    private readonly NotificationTemplates _templates = SampleBookings.Templates();

    [Fact]
    public void Confirmed_InEnglish_NamesPnrRouteDepartureSeatsAndAmount()
    {
        var message = _templates.Render("booking.confirmed", SampleBookings.Confirmed(), "en", "Payment received; seats A1, B2 are yours.")!;

        Assert.Equal("Booking K7M2QX confirmed", message.Subject);
        Assert.Equal("Diu Paribahan: booking K7M2QX is confirmed. Dhaka – Sylhet, departs Sat 5 Dec 2026, 18:30. Seats A1, B2. Paid BDT 1,250.",
            message.Sms);
        Assert.Contains("Dear passenger,", message.EmailText);
        Assert.Contains("Details: Payment received; seats A1, B2 are yours.", message.EmailText);
        Assert.Contains("<p>Diu Paribahan: booking K7M2QX is confirmed.", message.EmailHtml);
        Assert.Contains("lang=\"en\"", message.EmailHtml);
    }

    [Fact]
    public void Confirmed_InBangla_UsesBanglaTextDigitsMonthAndTaka_ButKeepsPnrAndSeatsAsPrinted()
    {
        var message = _templates.Render("booking.confirmed", SampleBookings.Confirmed(), "bn", "Payment received.")!;

        Assert.Equal("বুকিং K7M2QX নিশ্চিত হয়েছে", message.Subject);
        Assert.Contains("ঢাকা – সিলেট", message.Sms);
        Assert.Contains("৳১,২৫০", message.Sms);
        Assert.Contains("ডিসেম্বর", message.Sms);
        Assert.Contains("১৮:৩০", message.Sms);
        Assert.Contains("আসন A1, B2", message.Sms);
        // Apart from the PNR and seat labels, no ASCII digit: dates and amounts are in Bangla digits.
        Assert.DoesNotMatch("[0-9]", message.Sms.Replace("K7M2QX", "").Replace("A1, B2", ""));
        Assert.StartsWith("প্রিয় যাত্রী,", message.EmailText);
        Assert.DoesNotContain("Payment received.", message.EmailText);
        Assert.Contains("lang=\"bn\"", message.EmailHtml);
    }

    [Theory]
    [InlineData("booking.confirmed")]
    [InlineData("booking.cancelled")]
    [InlineData("booking.refunded")]
    [InlineData("booking.payment-failed")]
    [InlineData("booking.trip-cancelled")]
    [InlineData("booking.trip-delayed")]
    [InlineData("booking.coach-changed")]
    [InlineData("booking.seats-changed")]
    [InlineData("booking.trip-changed")]
    [InlineData("booking.passenger-corrected")]
    [InlineData("booking.passenger-cancelled")]
    [InlineData("booking.reminder-24h")]
    [InlineData("booking.reminder-2h")]
    public void EveryNotifyingKind_HasItsOwnTextInBothLanguages(string kind)
    {
        var booking = SampleBookings.Confirmed();
        var en = _templates.Render(kind, booking, "en", "")!;
        var bn = _templates.Render(kind, booking, "bn", "")!;

        // A missing resource comes back as its own name ("confirmed.Message").
        Assert.DoesNotContain(".Message", en.Sms);
        Assert.DoesNotContain(".Subject", bn.Subject);
        Assert.Contains("K7M2QX", en.Sms);
        Assert.Contains("K7M2QX", bn.Sms);
        Assert.NotEqual(en.Sms, bn.Sms);
        Assert.Matches("[\u0980-\u09FF]", bn.Sms);
    }

    [Fact]
    public void CoachChanged_NamesTheNewCoachPlateAsPainted_InBothLanguages()
    {
        var booking = SampleBookings.Confirmed();

        var en = _templates.Render("booking.coach-changed", booking, "en", "")!;
        var bn = _templates.Render("booking.coach-changed", booking, "bn", "")!;

        Assert.Contains(booking.Journey.CoachRegistration, en.Sms, StringComparison.Ordinal);
        Assert.Contains(booking.Journey.CoachRegistration, bn.Sms, StringComparison.Ordinal);
        Assert.Contains("কোচ", bn.Sms, StringComparison.Ordinal);
    }

    [Fact]
    public void RefundKinds_QuoteTheRefund_NotTheFare()
    {
        var booking = SampleBookings.Confirmed() with
        {
            Status = BookingStatus.Cancelled,
            Refund = new BookingRefund(1125.50m, 90, "90 %", false, null),
        };

        Assert.Contains("Refund: BDT 1,125.50.", _templates.Render("booking.cancelled", booking, "en", "")!.Sms);
        Assert.Contains("৳১,১২৫.৫০", _templates.Render("booking.cancelled", booking, "bn", "")!.Sms);
    }

    [Fact]
    public void KindsThatNotifyNobody_RenderNothing()
    {
        Assert.Null(_templates.Render("booking.created", SampleBookings.Confirmed(), "en", ""));
        Assert.Null(_templates.Render("booking.payment-started", SampleBookings.Confirmed(), "bn", ""));
    }

    [Fact]
    public void BanglaAmounts_GroupInLakhs()
    {
        Assert.Equal("৳১২,৩৪,৫৬৭", NotificationTemplates.FormatTaka(1234567m, bangla: true));
        Assert.Equal("BDT 1,234,567", NotificationTemplates.FormatTaka(1234567m, bangla: false));
    }
}
