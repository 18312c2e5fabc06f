using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>Recipients as logs and screens may show them: never a whole phone number or e-mail address.</summary>
public static class RecipientMask
{
    /// <summary><c>…678</c> for a phone, <c>r…@example.com</c> for an e-mail address.</summary>
    public static string Mask(string channel, string recipient)
    {
        if (channel != NotificationChannel.Email)
        {
            return PhoneNumber.Tail(recipient);
        }
        var at = recipient.LastIndexOf('@');
        return at <= 0 ? "…" : recipient[0] + "…" + recipient[at..];
    }

    /// <summary><paramref name="text"/> with every occurrence of <paramref name="recipient"/> masked (errors may quote it).</summary>
    public static string Scrub(string text, string channel, string recipient) =>
        string.IsNullOrEmpty(recipient) ? text : text.Replace(recipient, Mask(channel, recipient), StringComparison.OrdinalIgnoreCase);
}
