namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// The persisted state of one booking: the booking itself and its transitions. A booking makes a handful of
/// transitions in its life, so the list stays small. <see cref="PublishedEvents"/> counts the transitions already
/// appended to the events log (an outbox: the ones after it are appended after the next successful write or on
/// activation, so a crash can repeat an event but never lose one).
/// </summary>
[GenerateSerializer, Alias("BookingState")]
public sealed class BookingState
{
    [Id(0)] public BookingView? Booking { get; set; }
    [Id(1)] public List<BookingEventRecord> Events { get; set; } = [];
    [Id(2)] public int PublishedEvents { get; set; }

    /// <summary>For a counter sale, the clerk's request id, so a retry is recognised and another request is not.</summary>
    [Id(3)] public string? CounterRequestId { get; set; }

    // Notifications use ids from 30 so that fields other features append meanwhile cannot collide with them.

    /// <summary>The passenger's language for notifications: <c>en</c> or <c>bn</c>.</summary>
    [Id(30)] public string? Language { get; set; }

    /// <summary>
    /// Like <see cref="PublishedEvents"/>, for the notification outbox: the transitions after it have not been handed to
    /// it yet. Null in state stored before notifications existed: those transitions are not announced afterwards.
    /// </summary>
    [Id(31)] public int? NotifiedEvents { get; set; }

    /// <summary>Departure reminders already handed to the outbox (<c>reminder-24h</c>, <c>reminder-2h</c>): each fires once.</summary>
    [Id(32)] public List<string> RemindersSent { get; set; } = [];

    /// <summary>The departure the registered reminders aim at; null when none are registered.</summary>
    [Id(33)] public DateTimeOffset? RemindersArmedFor { get; set; }

    // Ticket resends use ids from 60, apart from the ranges other features append to.

    /// <summary>The Dhaka day of the last ticket resends counted in <see cref="ResendsThatDay"/>; null if never resent.</summary>
    [Id(60)] public DateOnly? ResendDay { get; set; }

    /// <summary>Ticket resends on <see cref="ResendDay"/> (at most three).</summary>
    [Id(61)] public int ResendsThatDay { get; set; }

    /// <summary>Every ticket resend ever: numbers each resend's outbox key, so each is a new message.</summary>
    [Id(62)] public int ResendsTotal { get; set; }
}

/// <summary>
/// One transition: when, what (<c>booking.*</c>), why, who caused it, and the status after it. <paramref name="Previous"/>
/// is what a trip change replaced, so a ticket can say "was … now …": the old departure (ISO 8601) of a delay, the
/// old coach registration of a coach change.
/// </summary>
[GenerateSerializer, Immutable, Alias("BookingEventRecord")]
public sealed record BookingEventRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Detail,
    [property: Id(3)] string Actor,
    [property: Id(4)] BookingStatus Status,
    [property: Id(5)] string? Previous = null);
