namespace DiuParibahan.WebFrontend.Admin;

/// <summary>
/// One notification of the outbox as ops see it: the recipient masked (<c>…678</c>, <c>r…@example.com</c>), times
/// in UTC, <paramref name="NextAttemptAt"/> meaningful while pending or retrying.
/// </summary>
public sealed record OutboxMessageDto(
    long Id,
    string Pnr,
    string Kind,
    string Channel,
    string Recipient,
    string Language,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? Subject,
    string Text);

/// <summary>A page of notifications, newest first; <paramref name="HasMore"/> when page + 1 exists.</summary>
public sealed record OutboxPageDto(int Page, int PageSize, bool HasMore, IReadOnlyList<OutboxMessageDto> Messages);
