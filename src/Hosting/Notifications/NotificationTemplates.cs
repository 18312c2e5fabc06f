using System.Globalization;
using System.Net;
using System.Text;
using DiuParibahan.Grains.Bookings;
using Microsoft.Extensions.Localization;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// Renders a booking notification in English or Bangla from <c>NotificationText</c> resources. Bangla messages use
/// Bangla digits, month names and the taka sign for amounts and times; PNRs and seat labels stay as printed on
/// the ticket. Times are Bangladesh time (UTC+6, no daylight saving).
/// </summary>
public sealed class NotificationTemplates(IStringLocalizer<NotificationText> text)
{
    private const string KindPrefix = "booking.";

    private static readonly TimeSpan BangladeshOffset = TimeSpan.FromHours(6);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Bangla = CultureInfo.GetCultureInfo("bn-BD");

    /// <summary>The event kinds that notify the passenger (departure reminders included).</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "booking.confirmed", "booking.cancelled", "booking.refunded", "booking.payment-failed",
        "booking.trip-cancelled", "booking.trip-delayed", "booking.coach-changed",
        "booking.seats-changed", "booking.trip-changed", "booking.passenger-corrected", "booking.passenger-cancelled",
        "booking.reminder-24h", "booking.reminder-2h", TicketResentKind,
    };

    /// <summary>The ticket SMS sent again at the passenger's (or a clerk's) request; not a transition of the booking.</summary>
    public const string TicketResentKind = BookingGrain.TicketResentKind;

    /// <summary>
    /// <paramref name="kind"/> of <paramref name="booking"/> (as it is after that transition) in <paramref name="language"/>
    /// (<c>bn</c> for Bangla, anything else English); null for kinds that notify nobody. The English e-mail also
    /// carries <paramref name="detail"/>, the transition's own (English) explanation.
    /// </summary>
    public RenderedNotification? Render(string kind, BookingView booking, string language, string detail)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (!Kinds.Contains(kind))
        {
            return null;
        }
        var bangla = language == "bn";
        var culture = bangla ? Bangla : English;
        var name = kind[KindPrefix.Length..];
        var arguments = new object[]
        {
            booking.Pnr,
            bangla ? booking.Journey.RouteNameBn : booking.Journey.RouteNameEn,
            FormatTime(booking.Journey.Departure, bangla),
            string.Join(", ", booking.Seats),
            FormatTaka(AmountOf(kind, booking), bangla),
            // Number plates stay Latin, as painted on the coach.
            booking.Journey.CoachRegistration,
        };
        var previous = CultureInfo.CurrentUICulture;
        // The localizer reads the thread's UI culture; set it for this synchronous call only.
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var subject = text[$"{name}.Subject", arguments].Value;
            var message = text[$"{name}.Message", arguments].Value;
            if (kind is "booking.confirmed" or TicketResentKind && booking.Payment.TransactionId is { } trxId)
            {
                // The wallet's receipt number, so the passenger can match the SMS to the debit in their wallet.
                message += " " + text["PaidWith", text["Method." + booking.Payment.Provider].Value, trxId].Value;
            }
            if (kind is "booking.confirmed" or "booking.trip-changed" or "booking.reminder-24h" && booking.Points is { } points)
            {
                // Where to stand and when: a counter and a roadside point of the same stop can be kilometres apart.
                message += " " + text["Points", bangla ? points.Boarding.NameBn : points.Boarding.NameEn,
                    FormatClock(points.Boarding.At, bangla), bangla ? points.Dropping.NameBn : points.Dropping.NameEn].Value;
            }
            var paragraphs = new List<string> { text["Greeting"].Value, message };
            if (!bangla && !string.IsNullOrWhiteSpace(detail))
            {
                paragraphs.Add(text["DetailLine", detail].Value);
            }
            paragraphs.Add(text["Footer"].Value);
            return new RenderedNotification(subject, message, string.Join("\n\n", paragraphs), Html(subject, paragraphs, bangla));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>A time as passengers read it: <c>Sat 28 Nov 2026, 21:30</c> or its Bangla form with Bangla digits.</summary>
    public static string FormatTime(DateTimeOffset at, bool bangla)
    {
        var local = at.ToOffset(BangladeshOffset);
        return bangla
            ? BanglaDigits(local.ToString("dddd, d MMMM yyyy, HH:mm", Bangla))
            : local.ToString("ddd d MMM yyyy, HH:mm", English);
    }

    /// <summary>A time of day as passengers read it: <c>21:30</c>, or with Bangla digits.</summary>
    public static string FormatClock(DateTimeOffset at, bool bangla)
    {
        var local = at.ToOffset(BangladeshOffset).ToString("HH:mm", CultureInfo.InvariantCulture);
        return bangla ? BanglaDigits(local) : local;
    }

    /// <summary>An amount in taka: <c>BDT 1,200</c> / <c>BDT 1,080.50</c>, or <c>৳১,২০০</c> with Bangla grouping and digits.</summary>
    public static string FormatTaka(decimal amount, bool bangla)
    {
        var format = decimal.Truncate(amount) == amount ? "#,##0" : "#,##0.00";
        return bangla ? "৳" + BanglaDigits(amount.ToString(format, Bangla)) : "BDT " + amount.ToString(format, English);
    }

    /// <summary>ASCII digits replaced by Bangla ones (০–৯).</summary>
    public static string BanglaDigits(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c is >= '0' and <= '9' ? (char)('০' + (c - '0')) : c);
        }
        return builder.ToString();
    }

    // Refund messages quote what comes back; the others what was paid.
    private static decimal AmountOf(string kind, BookingView booking) =>
        kind is "booking.cancelled" or "booking.refunded" or "booking.trip-cancelled" or "booking.passenger-cancelled"
            ? booking.Refund?.Amount ?? 0m
            : booking.Total;

    private static string Html(string subject, IEnumerable<string> paragraphs, bool bangla)
    {
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{(bangla ? "bn" : "en")}\"><head><meta charset=\"utf-8\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{WebUtility.HtmlEncode(subject)}</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5;color:#1f2937\">")
            .Append("<h1 style=\"font-size:18px;color:#0f766e\">Diu Paribahan</h1>");
        foreach (var p in paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(p)}</p>");
        }
        return html.Append("</body></html>").ToString();
    }
}
