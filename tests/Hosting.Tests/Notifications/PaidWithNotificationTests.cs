using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Hosting.Tests.Notifications;

/// <summary>A wallet payment's confirmation names the method and its transaction id, so the passenger can match the debit.</summary>
public sealed class PaidWithNotificationTests
{
    private static BookingView PaidWithBkash()
    {
        var booking = SampleBookings.Confirmed();
        return booking with { Payment = booking.Payment with { Provider = "bkash", Reference = "TR0011ABC", TransactionId = "9GH4K2LM1P" } };
    }

    [Fact]
    public void Confirmed_PaidWithBkash_NamesBkashAndTheTransactionId()
    {
        var message = SampleBookings.Templates().Render("booking.confirmed", PaidWithBkash(), "en", "")!;

        Assert.EndsWith("Paid BDT 1,250. Paid with bKash, transaction 9GH4K2LM1P.", message.Sms);
    }

    [Fact]
    public void Confirmed_PaidWithBkash_InBangla_NamesBikashAndTheTransactionId()
    {
        var message = SampleBookings.Templates().Render("booking.confirmed", PaidWithBkash(), "bn", "")!;

        Assert.Contains("বিকাশ-এ পরিশোধিত, লেনদেন 9GH4K2LM1P", message.Sms);
    }

    [Fact]
    public void Confirmed_WithoutATransactionId_SaysNothingAboutTheMethod()
    {
        var message = SampleBookings.Templates().Render("booking.confirmed", SampleBookings.Confirmed(), "en", "")!;

        Assert.DoesNotContain("transaction", message.Sms);
    }
}
