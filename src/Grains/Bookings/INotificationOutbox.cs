namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Where passenger notifications go: a persisted outbox the host dispatches from. The host provides it (the grains
/// project knows neither the database nor the channels).
/// </summary>
public interface INotificationOutbox
{
    /// <summary>
    /// Stores the messages for <paramref name="triggers"/> of <paramref name="booking"/> (as it is after them) in
    /// <paramref name="language"/> (<c>en</c> or <c>bn</c>): one per channel the contact has (SMS always, e-mail when
    /// given). Idempotent per trigger key: a trigger stored before is ignored, so a retry after a crash adds nothing.
    /// Kinds without a notification are skipped. All or none: on an exception nothing was stored.
    /// </summary>
    Task EnqueueAsync(BookingView booking, string language, IReadOnlyList<NotificationTrigger> triggers);
}
