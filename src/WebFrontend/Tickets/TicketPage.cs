using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Tickets;

/// <summary>The printable e-ticket: one self-contained HTML page (inline CSS with print rules, QR as a data URI).</summary>
public static class TicketPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Render(BookingView b, IReadOnlyDictionary<string, Stop> stops, string qrPayload, byte[] qrPng)
    {
        var from = stops.GetValueOrDefault(b.Journey.From);
        var to = stops.GetValueOrDefault(b.Journey.To);
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>E-ticket ").Append(E(b.Pnr)).Append(" · Diu Paribahan</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111827}")
            .Append(".ticket{max-width:720px;margin:24px auto;background:#fff;border:1px solid #d1d5db;border-radius:12px;padding:24px}")
            .Append("h1{margin:0;font-size:1.4rem}.muted{color:#6b7280}.status{font-weight:700;padding:2px 10px;border-radius:999px;background:#e5e7eb}")
            .Append(".status.Confirmed{background:#dcfce7;color:#166534}.status.Cancelled,.status.Refunded{background:#fee2e2;color:#991b1b}")
            .Append(".row{display:flex;gap:24px;flex-wrap:wrap;justify-content:space-between;margin-top:16px}")
            .Append("table{width:100%;border-collapse:collapse;margin-top:16px}td,th{text-align:left;padding:6px;border-bottom:1px solid #e5e7eb}")
            .Append(".qr img{width:180px;height:180px;image-rendering:pixelated}")
            .Append("@media print{body{background:#fff}.ticket{border:none;margin:0;max-width:none}.noprint{display:none}}")
            .Append("</style></head><body><main class=\"ticket\">")
            .Append("<div class=\"row\"><div><h1>Diu Paribahan · E-ticket</h1><div class=\"muted\">PNR <strong>")
            .Append(E(b.Pnr)).Append("</strong></div></div><div><span class=\"status ").Append(b.Status.ToString()).Append("\">")
            .Append(E(StatusText(b.Status))).Append("</span></div></div>")
            .Append("<div class=\"row\"><div><div class=\"muted\">Route</div><div>").Append(E(b.Journey.RouteNameEn))
            .Append(" <span lang=\"bn\">(").Append(E(b.Journey.RouteNameBn)).Append(")</span></div>")
            .Append("<div class=\"muted\">Trip ").Append(E(b.Journey.TripId)).Append(" · ").Append(E(b.Journey.CoachClass))
            .Append(" · coach ").Append(E(b.Journey.CoachRegistration)).Append("</div></div>")
            .Append("<div class=\"qr\"><img alt=\"Ticket QR code\" data-payload=\"").Append(E(qrPayload))
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(qrPng))
            .Append("\"></div></div>")
            .Append("<div class=\"row\"><div><div class=\"muted\">Boarding point</div><div><strong>").Append(E(from?.NameEn ?? b.Journey.From))
            .Append("</strong></div><div>").Append(E(Time(b.Journey.Departure))).Append("</div></div>")
            .Append("<div><div class=\"muted\">Destination</div><div><strong>").Append(E(to?.NameEn ?? b.Journey.To))
            .Append("</strong></div><div>").Append(E(Time(b.Journey.Arrival))).Append("</div></div></div>")
            .Append("<table><thead><tr><th>Seat</th><th>Passenger</th><th>Gender</th></tr></thead><tbody>");
        foreach (var p in b.Passengers)
        {
            page.Append("<tr><td>").Append(E(p.Seat)).Append("</td><td>").Append(E(p.Name)).Append("</td><td>")
                .Append(E(p.Gender.ToString().ToLowerInvariant())).Append("</td></tr>");
        }
        page.Append("</tbody></table><div class=\"row\"><div>Fare: ").Append(b.Seats.Count).Append(" × ")
            .Append(b.FarePerSeat.ToString(CultureInfo.InvariantCulture)).Append(" = <strong>BDT ")
            .Append(b.Total.ToString(CultureInfo.InvariantCulture)).Append("</strong></div>");
        if (b.Refund is { } refund)
        {
            page.Append("<div>Refund: BDT ").Append(refund.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(" (")
                .Append(refund.Percent).Append("%) · ").Append(E(refund.Reason)).Append("</div>");
        }
        page.Append("</div><p class=\"muted\">Please be at the boarding point 30 minutes before departure and show this ticket (printed or on your phone).</p>")
            .Append("<p class=\"noprint\"><button onclick=\"window.print()\">Print</button></p></main></body></html>");
        return page.ToString();
    }

    private static string StatusText(BookingStatus status) => status switch
    {
        BookingStatus.Confirmed => "Confirmed",
        BookingStatus.PendingPayment => "Awaiting payment — not valid for travel",
        BookingStatus.Cancelled => "Cancelled — not valid for travel",
        BookingStatus.Refunded => "Refunded — not valid for travel",
        BookingStatus.Expired => "Expired — not valid for travel",
        _ => "Payment failed — not valid for travel",
    };

    private static string Time(DateTimeOffset at) =>
        at.ToOffset(ServiceDay.DhakaOffset).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (Dhaka time)";

    private static string E(string value) => Html.Encode(value);
}
