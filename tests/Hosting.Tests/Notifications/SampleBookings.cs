using DiuParibahan.Grains.Bookings;
using DiuParibahan.Hosting.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace DiuParibahan.Hosting.Tests.Notifications;

/// <summary>Bookings and templates for the notification tests.</summary>
internal static class SampleBookings
{
    /// <summary>18:30 Bangladesh time on 5 December 2026.</summary>
    public static readonly DateTimeOffset Departure = new(2026, 12, 5, 12, 30, 0, TimeSpan.Zero);

    public static BookingView Confirmed(string pnr = "K7M2QX", string? email = "rahim@example.com", int total = 1250) => new(
        pnr, BookingStatus.Confirmed, "alice", "token",
        new BookingJourney("DHK-SYL-20261205-1830", "Dhaka – Sylhet", "ঢাকা – সিলেট", "dhaka-sayedabad", "sylhet-kadamtali",
            Departure, Departure.AddHours(6), "AcBusiness", "Dhaka Metro Ba-11-0001"),
        Guid.NewGuid(), ["A1", "B2"], [new Passenger("Rahim Uddin", "+8801712345678", Gender.Male, "A1")],
        new BookingContact("+8801712345678", email), total / 2, total, "Online",
        new BookingPayment("simulated", PaymentStatus.Succeeded, total, "sim_" + pnr, null),
        Departure.AddDays(-1), null, [], Departure.AddDays(-2), Guid.NewGuid());

    public static NotificationTemplates Templates() =>
        new(new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<NotificationText>>());
}
