using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// The booking grains' <see cref="INotificationOutbox"/>: renders each trigger for the contact's channels — SMS to
/// the (Bangladeshi, <c>+880</c>) phone always, e-mail when an address was given — and stores the messages in the
/// outbox under <c>{trigger key}:{channel}</c>, then wakes the dispatcher.
/// </summary>
public sealed class NotificationOutbox(OutboxStore store, NotificationTemplates templates, OutboxSignal signal, TimeProvider time)
    : INotificationOutbox
{
    public async Task EnqueueAsync(BookingView booking, string language, IReadOnlyList<NotificationTrigger> triggers)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(triggers);
        var drafts = new List<OutboxDraft>();
        var phone = PhoneNumber.Normalize(booking.Contact.Phone);
        var email = string.IsNullOrWhiteSpace(booking.Contact.Email) ? null : booking.Contact.Email.Trim();
        foreach (var trigger in triggers)
        {
            if (templates.Render(trigger.Kind, booking, language, trigger.Detail) is not { } message)
            {
                continue;
            }
            if (phone is not null)
            {
                drafts.Add(new OutboxDraft($"{trigger.Key}:{NotificationChannel.Sms}", booking.Pnr, trigger.Kind, NotificationChannel.Sms,
                    phone, language, null, message.Sms, null));
            }
            if (email is not null && !trigger.SmsOnly)
            {
                drafts.Add(new OutboxDraft($"{trigger.Key}:{NotificationChannel.Email}", booking.Pnr, trigger.Kind, NotificationChannel.Email,
                    email, language, message.Subject, message.EmailText, message.EmailHtml));
            }
        }
        if (drafts.Count == 0)
        {
            return;
        }
        if (await store.EnqueueAsync(drafts, time.GetUtcNow()) > 0)
        {
            signal.Poke();
        }
    }
}
