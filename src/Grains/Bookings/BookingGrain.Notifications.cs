using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// Passenger notifications of a booking: every transition is handed to the <see cref="INotificationOutbox"/> after
/// the write (tracked by <see cref="BookingState.NotifiedEvents"/>, like the events log), and a confirmed booking
/// carries two durable reminders that hand "your coach leaves soon" messages to it 24 h and 2 h before departure.
/// </summary>
/// <remarks>
/// Handing over is retried after the next change and on activation, and the outbox ignores a key it has seen, so a
/// crash between the write and the hand-over repeats the hand-over but never loses or doubles a message.
/// </remarks>
public sealed partial class BookingGrain : IRemindable
{
    /// <summary>The departure reminders: name (also the last part of their outbox key) and how long before departure.</summary>
    public static readonly IReadOnlyList<(string Name, TimeSpan Lead)> DepartureReminders =
    [
        ("reminder-24h", TimeSpan.FromHours(24)),
        ("reminder-2h", TimeSpan.FromHours(2)),
    ];

    // Orleans reminders tick periodically (at most once a minute); each of ours is meant to fire once and is
    // unregistered when it has. The period matters when a tick is missed (no silo was up at the due time: the next
    // tick is one period later) or handing the message over failed (tried again then), so it is the shortest allowed.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    // A reminder firing this much before its target means the departure moved later since it was registered.
    private static readonly TimeSpan ReminderSlack = TimeSpan.FromMinutes(1);

    // The transitions or reminder arrangements made since the last write are not yet marked in storage.
    private bool _notifiedUnsaved;

    private string Language => store.State.Language ?? "en";

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var state = store.State;
        var index = DepartureReminders.ToList().FindIndex(r => r.Name == reminderName);
        var booking = state.Booking;
        if (index < 0 || booking is not { Status: BookingStatus.Confirmed } || Now >= booking.Journey.Departure
            || state.RemindersSent.Contains(reminderName))
        {
            await ForgetReminderAsync(reminderName);
            return;
        }
        var departure = booking.Journey.Departure;
        var target = departure - DepartureReminders[index].Lead;
        if (target - Now > ReminderSlack)
        {
            // The trip was delayed: aim at the new time.
            await this.RegisterOrUpdateReminder(reminderName, target - Now, ReminderPeriod);
            state.RemindersArmedFor = departure;
            _notifiedUnsaved = true;
            return;
        }
        // Late (the silo was down): once a shorter reminder is due too, this one has nothing left to say.
        var superseded = DepartureReminders.Skip(index + 1).Any(r => Now >= departure - r.Lead);
        if (!superseded)
        {
            await notifications.EnqueueAsync(View(), Language, [new($"{Pnr}:{reminderName}", "booking." + reminderName, "")]);
        }
        state.RemindersSent.Add(reminderName);
        try
        {
            await store.WriteStateAsync();
            _publishedUnsaved = false;
            _notifiedUnsaved = false;
        }
        catch (Exception ex)
        {
            // The reminder ticks again; the outbox already has the message and ignores it the second time.
            LogWriteFailed(logger, ex, Pnr);
            DeactivateOnIdle();
            throw;
        }
        await ForgetReminderAsync(reminderName);
    }

    /// <summary>Hands unannounced transitions to the outbox and (re)arranges the departure reminders.</summary>
    private async Task CatchUpNotificationsAsync(bool activating)
    {
        var state = store.State;
        if (state.Booking is null)
        {
            return;
        }
        if (activating && state.NotifiedEvents is null)
        {
            // Stored before notifications existed: its past transitions are not news any more.
            state.NotifiedEvents = state.Events.Count;
            _notifiedUnsaved = true;
        }
        var notified = state.NotifiedEvents ?? state.Events.Count;
        if (notified < state.Events.Count)
        {
            try
            {
                var triggers = state.Events.Skip(notified)
                    .Select((e, i) => new NotificationTrigger($"{Pnr}:{notified + i}", e.Kind, e.Detail))
                    .ToList();
                await notifications.EnqueueAsync(View(), Language, triggers);
                // Stored with the next write or on deactivation.
                state.NotifiedEvents = state.Events.Count;
                _notifiedUnsaved = true;
            }
            catch (Exception ex)
            {
                LogNotifyFailed(logger, ex, Pnr);
            }
        }
        await ArrangeRemindersAsync();
    }

    /// <summary>
    /// A confirmed booking before departure has its reminders registered for its current departure; any other has
    /// none. Only touches the reminder table when that departure differs from the one last arranged for.
    /// </summary>
    private async Task ArrangeRemindersAsync()
    {
        var state = store.State;
        var booking = state.Booking!;
        DateTimeOffset? wanted = booking.Status == BookingStatus.Confirmed && Now < booking.Journey.Departure ? booking.Journey.Departure : null;
        if (wanted == state.RemindersArmedFor)
        {
            return;
        }
        try
        {
            foreach (var (name, lead) in DepartureReminders)
            {
                if (wanted - lead is { } target && target > Now && !state.RemindersSent.Contains(name))
                {
                    await this.RegisterOrUpdateReminder(name, target - Now, ReminderPeriod);
                }
                else if (state.RemindersArmedFor is not null)
                {
                    // Only a booking armed before can have one to remove; skipping the lookup otherwise saves a
                    // reminder-table read on every confirmation.
                    await ForgetReminderAsync(name);
                }
            }
            state.RemindersArmedFor = wanted;
            _notifiedUnsaved = true;
        }
        catch (Exception ex)
        {
            // Tried again after the next change or activation; meanwhile the booking itself is unaffected.
            LogRemindersFailed(logger, ex, Pnr);
        }
    }

    private async Task ForgetReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {Pnr}: handing notifications to the outbox failed; they are retried after the next change")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string pnr);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {Pnr}: arranging departure reminders failed; retried after the next change")]
    private static partial void LogRemindersFailed(ILogger logger, Exception exception, string pnr);
}
