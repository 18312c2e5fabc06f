namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// A rendered message to store: <paramref name="Channel"/> is <see cref="NotificationChannel"/>; for SMS
/// <paramref name="Subject"/> and <paramref name="BodyHtml"/> are null.
/// </summary>
public sealed record OutboxDraft(
    string IdempotencyKey,
    string Pnr,
    string Kind,
    string Channel,
    string Recipient,
    string Language,
    string? Subject,
    string BodyText,
    string? BodyHtml);
