namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// Hands a text message to an SMS provider. Throws when it was not accepted. The idempotency key lets a
/// provider that supports it drop a resend after a crash.
/// </summary>
public interface ISmsGateway
{
    Task SendAsync(string to, string text, string idempotencyKey, CancellationToken ct);
}
