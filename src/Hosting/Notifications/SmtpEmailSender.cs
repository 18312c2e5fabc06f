using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// E-mail over SMTP with MailKit: a text and an HTML part, and a Message-Id derived from the idempotency key, so a
/// resend of the same message after a crash carries the same id and receivers can drop the duplicate.
/// </summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options) : IEmailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var from = MailboxAddress.Parse(smtp.From);
        var mail = new MimeMessage
        {
            Subject = message.Subject ?? "",
            MessageId = MessageIdFor(message.IdempotencyKey, from.Domain),
            Body = new BodyBuilder { TextBody = message.BodyText, HtmlBody = message.BodyHtml }.ToMessageBody(),
        };
        mail.From.Add(from);
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
        }
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>The same key always gives the same id (without the angle brackets): a hash, so the PNR is not exposed.</summary>
    public static string MessageIdFor(string idempotencyKey, string domain) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@" + domain;
}
