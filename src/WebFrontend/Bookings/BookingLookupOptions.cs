using System.ComponentModel.DataAnnotations;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>Section <c>BookingLookup</c>: the SMS link that booking lookup sends, and how often one phone or PNR may ask.</summary>
public sealed class BookingLookupOptions
{
    /// <summary>How long a texted link opens the booking (once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lookups per phone number, and separately per PNR, in <see cref="Window"/>, whoever asks.</summary>
    [Range(1, 1000)]
    public int PerKeyLimit { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The site's public address for links in SMS, e.g. <c>https://tickets.diuparibahan.example</c>. Set it in production:
    /// without it the link is built from the request's own scheme and host, which a caller controls.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
