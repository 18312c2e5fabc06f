namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Something to tell the passenger: a transition (<paramref name="Kind"/> <c>booking.*</c>) or a departure reminder
/// (<c>booking.reminder-24h</c>, <c>booking.reminder-2h</c>). <paramref name="Key"/> is unique per booking and reason —
/// <c>{pnr}:{event index}</c> or <c>{pnr}:reminder-24h</c> — and the outbox appends the channel to it.
/// <paramref name="SmsOnly"/> leaves out the e-mail (a ticket resend is asked for as an SMS).
/// </summary>
public sealed record NotificationTrigger(string Key, string Kind, string Detail, bool SmsOnly = false);
