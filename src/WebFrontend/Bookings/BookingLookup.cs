using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Identity;
using DiuParibahan.Hosting.Notifications;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Booking lookup by PNR and phone, answered without telling whether they match: on a match a single-use link valid
/// <see cref="BookingLookupOptions.LinkLifetime"/> is texted (through the notification outbox, so it is retried and visible
/// to ops) to the phone that matched, which is one of the booking's. The caller learns nothing either way; only the
/// phone's owner can open the booking.
/// </summary>
public sealed class BookingLookup(
    IGrainFactory grains,
    BookingLinkStore links,
    OutboxStore outbox,
    IServiceProvider services,
    IOptions<BookingLookupOptions> options,
    TimeProvider time)
{
    public const string NotificationKind = "booking-link";

    /// <summary>Texts a link if <paramref name="pnr"/> (well-formed) and <paramref name="phone"/> (normalised) name the same booking.</summary>
    public async Task SendLinkIfMatchAsync(string pnr, string phone, string language, string siteBase, CancellationToken ct)
    {
        if (await grains.GetGrain<IBookingGrain>(pnr).GetAsync() is not { } booking || !HasPhone(booking, phone))
        {
            return;
        }
        var secret = await links.IssueAsync(pnr, options.Value.LinkLifetime, ct);
        var url = $"{siteBase.TrimEnd('/')}/ticket.html?link={secret}";
        var minutes = (int)options.Value.LinkLifetime.TotalMinutes;
        var text = language == "bn"
            ? $"দিউ পরিবহন: বুকিং {pnr} খুলতে {url} — {minutes} মিনিটের মধ্যে, একবারই কাজ করবে।"
            : $"Diu Paribahan: open booking {pnr} at {url} (works once, within {minutes} minutes).";
        // A new key per link (never derived from the secret): each lookup that matches is its own message.
        var key = $"{NotificationKind}:{pnr}:{time.GetUtcNow().ToUnixTimeMilliseconds()}:{Guid.NewGuid():N}:{NotificationChannel.Sms}";
        var draft = new OutboxDraft(key, pnr, NotificationKind, NotificationChannel.Sms, phone, language, null, text, null);
        if (await outbox.EnqueueAsync([draft], time.GetUtcNow(), ct) > 0)
        {
            services.GetService<OutboxSignal>()?.Poke();
        }
    }

    /// <summary>Spends a texted link: the booking it opens, or null if the link is unknown, used or expired.</summary>
    public async Task<BookingView?> RedeemAsync(string secret, CancellationToken ct) =>
        await links.RedeemAsync(secret, ct) is { } pnr ? await grains.GetGrain<IBookingGrain>(pnr).GetAsync() : null;

    private static bool HasPhone(BookingView booking, string phone) =>
        Same(booking.Contact.Phone, phone) || booking.Passengers.Any(p => Same(p.Phone, phone));

    private static bool Same(string? stored, string phone) => PhoneNumber.TryNormalise(stored, out var normalised) && normalised == phone;
}
