using System.Collections.Concurrent;
using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>A notification outbox in memory, keyed like the real one, so grain tests can see what was handed over.</summary>
public sealed class RecordingNotificationOutbox : INotificationOutbox
{
    private readonly ConcurrentDictionary<string, (NotificationTrigger Trigger, string Language, BookingView Booking)> _triggers = new();

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    /// <summary>When true, every hand-over throws (the database is down).</summary>
    public bool Failing { get; set; }

    /// <summary>The triggers of booking <paramref name="pnr"/>, each once, in key order.</summary>
    public IReadOnlyList<NotificationTrigger> For(string pnr) =>
        _triggers.Values.Select(v => v.Trigger).Where(t => t.Key.StartsWith(pnr + ":", StringComparison.Ordinal))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();

    public string? LanguageOf(string key) => _triggers.TryGetValue(key, out var v) ? v.Language : null;

    /// <summary>The booking as handed over with trigger <paramref name="key"/>.</summary>
    public BookingView? BookingOf(string key) => _triggers.TryGetValue(key, out var v) ? v.Booking : null;

    /// <summary>Completes when trigger <paramref name="key"/> has been handed over; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForAsync(string key, TimeSpan timeout)
    {
        var arrived = _waiters.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_triggers.ContainsKey(key))
        {
            arrived.TrySetResult();
        }
        return arrived.Task.WaitAsync(timeout);
    }

    public Task EnqueueAsync(BookingView booking, string language, IReadOnlyList<NotificationTrigger> triggers)
    {
        if (Failing)
        {
            throw new InvalidOperationException("The outbox is unavailable.");
        }
        foreach (var trigger in triggers)
        {
            _triggers.TryAdd(trigger.Key, (trigger, language, booking));
            if (_waiters.TryGetValue(trigger.Key, out var waiter))
            {
                waiter.TrySetResult();
            }
        }
        return Task.CompletedTask;
    }
}
