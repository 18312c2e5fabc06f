namespace DiuParibahan.Hosting.Notifications;

/// <summary>Hands an e-mail of the outbox to a mail server. Throws when it was not accepted.</summary>
public interface IEmailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
