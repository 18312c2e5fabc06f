namespace DiuParibahan.Hosting.Notifications;

/// <summary>One row of the outbox. <paramref name="Recipient"/> is the full address or number: mask it before showing or logging it.</summary>
public sealed record OutboxMessage(
    long Id,
    string IdempotencyKey,
    string Pnr,
    string Kind,
    string Channel,
    string Recipient,
    string Language,
    string? Subject,
    string BodyText,
    string? BodyHtml,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);
