namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// The answer to "send the ticket SMS again": on success <paramref name="SentToday"/> counts this resend among the
/// Dhaka day's (at most <paramref name="Limit"/>); otherwise <paramref name="Failure"/> says why nothing was sent, and
/// for <see cref="BookingErrorCode.ResendLimitReached"/> <paramref name="RetryAt"/> is the next Dhaka midnight.
/// </summary>
[GenerateSerializer, Immutable, Alias("TicketResendResult")]
public sealed record TicketResendResult(
    [property: Id(0)] int SentToday,
    [property: Id(1)] int Limit,
    [property: Id(2)] DateTimeOffset? RetryAt,
    [property: Id(3)] BookingFailure? Failure);
