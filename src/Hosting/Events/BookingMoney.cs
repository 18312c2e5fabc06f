using System.Globalization;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Hosting.Events;

/// <summary>
/// The money a booking transition decided, read from the booking after it, for the reports' gross, refunds and change
/// differences: <c>booking.confirmed</c> the fare taken (gross); <c>booking.cancelled</c> and <c>booking.trip-cancelled</c>
/// the refund owed; <c>booking.passenger-cancelled</c> the dropped traveller's refund; <c>booking.trip-changed</c> the
/// difference new fare + fee − old fare (negative: given back). Other kinds move no money here (a completed refund only
/// pays what a cancellation already counted).
/// </summary>
public static partial class BookingMoney
{
    public static decimal? Of(BookingView booking, string kind, string detail) => kind switch
    {
        "booking.confirmed" => booking.Total,
        "booking.cancelled" or "booking.trip-cancelled" => booking.Refund?.Amount ?? 0,
        "booking.passenger-cancelled" => booking.Changes?.Refunds
            .FirstOrDefault(r => r.Key == $"refund-{booking.Pnr}-{booking.Changes.TicketIssue}")?.Amount ?? 0,
        "booking.trip-changed" => ChangeDifference(booking, detail),
        _ => null,
    };

    // The booking keeps no old fare or fee once moved; its trip-changed detail states both ("Fare 1000 → 1200 BDT,
    // change fee 100 BDT"). The reconciliation test of the reports pins this wording.
    private static decimal? ChangeDifference(BookingView booking, string detail)
    {
        var match = FareLine().Match(detail);
        if (!match.Success)
        {
            return null;
        }
        var oldTotal = decimal.Parse(match.Groups["old"].Value, CultureInfo.InvariantCulture);
        var fee = decimal.Parse(match.Groups["fee"].Value, CultureInfo.InvariantCulture);
        return booking.Total + fee - oldTotal;
    }

    [GeneratedRegex(@"Fare (?<old>\d+) → (?<new>\d+) BDT, change fee (?<fee>\d+) BDT")]
    private static partial Regex FareLine();
}
