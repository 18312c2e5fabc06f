using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>Our <c>merchantInvoiceNumber</c>s: <c>{PNR}-1</c> for a booking, <c>{PNR}-C{change}</c> for a trip change.</summary>
public static class BkashInvoice
{
    /// <summary>Whether <paramref name="invoice"/> is a trip change's (<c>{PNR}-C…</c>) rather than a booking's.</summary>
    public static bool IsChange(string invoice) => invoice.LastIndexOf('-') is var dash and > 0 && invoice[(dash + 1)..].StartsWith('C');

    /// <summary>The PNR an invoice number of ours names, or null for anything else.</summary>
    public static string? PnrOf(string? invoice)
    {
        var dash = invoice?.LastIndexOf('-') ?? -1;
        return dash > 0 && PnrFormat.IsWellFormed(invoice![..dash]) ? invoice[..dash] : null;
    }
}
