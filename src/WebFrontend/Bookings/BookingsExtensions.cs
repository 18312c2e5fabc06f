using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Wiring of booking lookup (the texted single-use links, their store and the per-phone/per-PNR throttle) and of the
/// fare charges bookings are priced with, and of the background refund sweep.
/// </summary>
public static class BookingsExtensions
{
    public static WebApplicationBuilder AddBookingLookup(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BookingLookupOptions>().Bind(builder.Configuration.GetSection("BookingLookup"))
            .ValidateDataAnnotations()
            .Validate(o => o.LinkLifetime > TimeSpan.Zero && o.Window > TimeSpan.Zero, "BookingLookup: LinkLifetime and Window must be positive.")
            .Validate(o => string.IsNullOrEmpty(o.PublicBaseUrl) || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "BookingLookup: PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddOptions<FareOptions>().Bind(builder.Configuration.GetSection("Fares"))
            .Validate(o => o.IsValid(), "Fares: charges and discounts must not be negative; a payment fee percent is 0–20.")
            .ValidateOnStart();
        builder.Services.AddSingleton<BookingLookupThrottle>();
        builder.Services.AddSingleton<BookingLinkStore>();
        builder.Services.AddSingleton<BookingLookup>();
        // In embedded mode the co-hosted silo registered the outbox already; a cluster frontend uses the same database.
        builder.Services.TryAddSingleton(sp => new OutboxStore(sp.GetRequiredService<AppDatabase>()));
        return builder;
    }

    /// <summary>The background sweep that pays back refunds bookings still owe (<see cref="RefundSweeper"/>).</summary>
    public static WebApplicationBuilder AddRefundSweep(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RefundSweepOptions>()
            .Bind(builder.Configuration.GetSection("Refunds"))
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Refunds:SweepInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RefundSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RefundSweeper>());
        return builder;
    }
}
