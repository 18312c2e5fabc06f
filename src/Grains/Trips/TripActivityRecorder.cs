using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// Reports a trip's seat activity for analytics through the <see cref="ITripEventSink"/>. Changes are reported only
/// once durable (callers record after their commit completed); a refusal changes nothing, so it is reported at once.
/// </summary>
/// <param name="events">Where activity is reported (non-blocking, never throws).</param>
/// <param name="time">The clock stamping each activity.</param>
/// <param name="trip">The trip's current definition; nothing is reported while there is none.</param>
public sealed class TripActivityRecorder(ITripEventSink events, TimeProvider time, Func<TripDefinition?> trip)
{
    public void HoldAttempted(HoldSeats command, InventoryOutcome<HoldInfo> outcome)
    {
        if (trip() is not { } definition)
        {
            return;
        }
        if (outcome is { Changed: true, Value: { } hold })
        {
            Record(TripActivityKinds.HoldCreated, hold.HoldId, null, hold.Seats.Count, definition.IndexOf(hold.From), definition.IndexOf(hold.To),
                hold.Amount, hold.Channel);
        }
        else if (outcome.Failure is { } failure)
        {
            Record(TripActivityKinds.HoldRejected, null, null, command.Seats?.Count ?? 0, definition.IndexOf(command.From), definition.IndexOf(command.To), 0,
                command.Channel, failure.Code.ToString());
        }
    }

    public void HoldReleased(HoldRecord held) =>
        Record(TripActivityKinds.HoldReleased, held.Id, null, held.Seats.Count, held.From, held.To, held.Amount, held.Channel);

    public void Sold(SaleInfo sale, Guid? holdId)
    {
        if (trip() is { } definition)
        {
            Record(TripActivityKinds.Sold, holdId, sale.BookingRef, sale.Seats.Count, definition.IndexOf(sale.From), definition.IndexOf(sale.To),
                sale.Amount, sale.Channel);
        }
    }

    public void SaleCancelled(SaleRecord sold) =>
        Record(TripActivityKinds.SaleCancelled, null, sold.BookingRef, sold.Seats.Count, sold.From, sold.To, sold.Amount, sold.Channel);

    /// <summary>Reports the holds an expiry sweep released, once the write holding the sweep is durable.</summary>
    public async Task ExpiredWhenDurableAsync(Task commit, IReadOnlyList<HoldRecord> expired, DateTimeOffset now)
    {
        // Taken before the wait: the definition in force when the holds expired.
        var activities = trip() is not { } definition
            ? []
            : expired.Select(h => new TripActivity(now, TripActivityKinds.HoldExpired, definition, h.Id, null, h.Seats.Count, h.From, h.To, h.Amount,
                h.Channel, null)).ToList();
        await commit;
        foreach (var activity in activities)
        {
            events.Record(activity);
        }
    }

    private void Record(string kind, Guid? holdId, string? bookingRef, int seats, int from, int to, int amount, SalesChannel channel, string? reason = null)
    {
        if (trip() is { } definition)
        {
            events.Record(new TripActivity(time.GetUtcNow(), kind, definition, holdId, bookingRef, seats, from, to, amount, channel, reason));
        }
    }
}
