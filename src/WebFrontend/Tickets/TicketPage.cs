using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Localization;
using Microsoft.Extensions.Localization;

namespace DiuParibahan.WebFrontend.Tickets;

/// <summary>
/// The printable e-ticket: one self-contained HTML page (inline CSS with print rules, QR as a data URI), in the request's
/// language (English or Bangla: strings from <see cref="TicketStrings"/>, stop and route names, digits, dates and taka).
/// </summary>
public static class TicketPage
{
    // The default encoder escapes everything outside Basic Latin; Bangla text should stay readable in the page source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(BookingView b, IReadOnlyDictionary<string, Stop> stops, string qrPayload, byte[] qrPng,
        IStringLocalizer<TicketStrings> text)
    {
        var culture = CultureInfo.CurrentUICulture;
        var bangla = culture.IsBangla();
        string Name(Stop? stop, string id) => stop is null ? id : bangla ? stop.NameBn : stop.NameEn;
        string N(int value) => culture.LocalDigits(value.ToString("N0", culture));
        string Taka(decimal value) => "৳ " + culture.LocalDigits(value.ToString(value == decimal.Truncate(value) ? "N0" : "N2", culture));
        string Time(DateTimeOffset at) => text["DhakaTime", culture.LocalDigits(TicketTime.Format(at, bangla, culture))];

        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"").Append(bangla ? "bn" : "en").Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(text["Title"])).Append(' ').Append(E(b.Pnr)).Append(" · ").Append(E(text["Brand"])).Append("</title><style>")
            .Append("body{font-family:system-ui,'Noto Sans Bengali',sans-serif;margin:0;background:#f3f4f6;color:#111827}")
            .Append(".ticket{max-width:720px;margin:24px auto;background:#fff;border:1px solid #d1d5db;border-radius:12px;padding:24px}")
            .Append("h1{margin:0;font-size:1.4rem}.muted{color:#6b7280}.status{font-weight:700;padding:2px 10px;border-radius:999px;background:#e5e7eb}")
            .Append(".status.Confirmed{background:#dcfce7;color:#166534}.status.Cancelled,.status.Refunded{background:#fee2e2;color:#991b1b}")
            .Append(".row{display:flex;gap:24px;flex-wrap:wrap;justify-content:space-between;margin-top:16px}")
            .Append("table{width:100%;border-collapse:collapse;margin-top:16px}td,th{text-align:left;padding:6px;border-bottom:1px solid #e5e7eb}")
            .Append(".qr img{width:180px;height:180px;image-rendering:pixelated}")
            .Append(".actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:20px}")
            .Append(".button{display:inline-block;font:inherit;font-weight:600;padding:10px 20px;border-radius:8px;cursor:pointer;text-decoration:none;")
            .Append("border:2px solid #0f6b50;background:#0f6b50;color:#fff}.button.outline{background:#fff;color:#0f6b50}")
            .Append(".button:focus-visible{outline:3px solid #0f6b50;outline-offset:2px}")
            .Append("@media print{body{background:#fff}.ticket{border:none;margin:0;max-width:none}.noprint{display:none}}")
            .Append("</style></head><body><main class=\"ticket\">")
            .Append("<div class=\"row\"><div><h1>").Append(E(text["Brand"])).Append(" · ").Append(E(text["Title"]))
            .Append("</h1><div class=\"muted\">").Append(E(text["Pnr"])).Append(" <strong>")
            .Append(E(b.Pnr)).Append("</strong></div></div><div><span class=\"status ").Append(b.Status.ToString()).Append("\">")
            .Append(E(text["Status." + b.Status])).Append("</span></div></div>")
            .Append("<div class=\"row\"><div><div class=\"muted\">").Append(E(text["Route"])).Append("</div><div>")
            .Append(E(bangla ? b.Journey.RouteNameBn : b.Journey.RouteNameEn)).Append("</div>")
            .Append("<div class=\"muted\">").Append(E(text["Trip", b.Journey.TripId, text["CoachClass." + b.Journey.CoachClass], b.Journey.CoachRegistration])).Append("</div></div>")
            .Append("<div class=\"qr\"><img alt=\"").Append(E(text["QrAlt"])).Append("\" data-payload=\"").Append(E(qrPayload))
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(qrPng))
            .Append("\"></div></div>");
        if (b.History.Any(h => h.Kind == "booking.trip-delayed"))
        {
            page.Append("<p><strong>").Append(E(text["Delayed"])).Append("</strong></p>");
        }
        page.Append("<div class=\"row\"><div><div class=\"muted\">").Append(E(text["Boarding"])).Append("</div><div><strong>")
            .Append(E(Name(stops.GetValueOrDefault(b.Journey.From), b.Journey.From)))
            .Append("</strong></div><div>").Append(E(Time(b.Journey.Departure))).Append("</div>");
        if (b.Points is { } points)
        {
            page.Append("<div data-boarding-point>").Append(E(text["ReportBy", bangla ? points.Boarding.NameBn : points.Boarding.NameEn,
                culture.LocalDigits(points.Boarding.At.ToOffset(ServiceDay.DhakaOffset).ToString("HH:mm", CultureInfo.InvariantCulture))]))
                .Append("</div>");
        }
        page.Append("</div><div><div class=\"muted\">").Append(E(text["Destination"])).Append("</div><div><strong>")
            .Append(E(Name(stops.GetValueOrDefault(b.Journey.To), b.Journey.To)))
            .Append("</strong></div><div>").Append(E(Time(b.Journey.Arrival))).Append("</div>");
        if (b.Points is { } dropping)
        {
            page.Append("<div data-dropping-point>")
                .Append(E(text["DropAt", bangla ? dropping.Dropping.NameBn : dropping.Dropping.NameEn])).Append("</div>");
        }
        page.Append("</div></div>")
            .Append("<table><thead><tr><th>").Append(E(text["Seat"])).Append("</th><th>").Append(E(text["Passenger"]))
            .Append("</th><th>").Append(E(text["Gender"])).Append("</th></tr></thead><tbody>");
        foreach (var p in b.Passengers)
        {
            // Seat labels stay as painted on the coach (D1, not D১).
            page.Append("<tr><td>").Append(E(p.Seat)).Append("</td><td>").Append(E(p.Name)).Append("</td><td>")
                .Append(E(text["Gender." + p.Gender])).Append("</td></tr>");
        }
        page.Append("</tbody></table><div class=\"row\"><div data-fare><div>")
            .Append(E(text["Fare", N(b.Seats.Count), Taka(b.FarePerSeat), Taka(b.Seats.Count * b.FarePerSeat)])).Append("</div>");
        var changeFees = b.Changes?.FeesPaid ?? 0;
        var charges = (b.Fare?.Charges ?? []).Append(new FareCharge(FareBreakdown.ChangeFee, changeFees)).Where(c => c.Amount > 0).ToList();
        foreach (var charge in charges)
        {
            page.Append("<div>").Append(E(text["Charge." + charge.Code, Taka(charge.Amount)])).Append("</div>");
        }
        if (b.Fare is { Discount: > 0 } discounted)
        {
            page.Append("<div>").Append(E(text["Discount", Taka(discounted.Discount)])).Append("</div>");
        }
        page.Append("<div><strong data-fare-total>").Append(E(text["Total", Taka(b.Total + changeFees)])).Append("</strong></div></div>");
        if (b.Payment.TransactionId is { } trxId)
        {
            // The wallet's receipt number is what the passenger (and the counter) can look the payment up by.
            page.Append("<div data-paid-with>").Append(E(text["PaidWith", text["Method." + b.Payment.Provider].Value, trxId])).Append("</div>");
        }
        if (b.Refund is { } refund)
        {
            page.Append("<div>").Append(E(text["Refund", Taka(refund.Amount), N(refund.Percent), refund.Reason])).Append("</div>");
        }
        page.Append("</div><p class=\"muted\">").Append(E(text["Arrive"])).Append("</p>")
            // No inline handler (the content security policy allows scripts from this site only): print-ticket.js wires the button.
            .Append("<div class=\"actions noprint\"><button type=\"button\" id=\"print-ticket\" class=\"button\">").Append(E(text["Print"]))
            .Append("</button><a class=\"button outline\" href=\"/ticket.html?pnr=").Append(E(Uri.EscapeDataString(b.Pnr))).Append("\">")
            .Append(E(text["Back"])).Append("</a></div></main><script src=\"/js/print-ticket.js\" defer></script></body></html>");
        return page.ToString();
    }

    private static string E(string value) => Html.Encode(value);
}
