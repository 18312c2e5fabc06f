using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// Ops actions on a scheduled trip: cancelling it (and settling the refunds that owes), delaying it, changing its
/// coach. Each is checked by <see cref="TripOperations"/>, applied synchronously to the live state, audited through the
/// state's outbox, and committed through the trip's one write funnel; a repeat of an applied action waits for its write.
/// </summary>
public sealed class TripOps(string tripId, TripCommitLog log, TripAuditOutbox audit, IGrainFactory grains, TimeProvider time)
{
    private TripState Live => log.Live;

    public async Task<CancelTripResult> CancelTripAsync(CancelTrip command)
    {
        log.ThrowIfBroken();
        if (log.Inventory is null)
        {
            return new(null, TripGrain.NotFound(tripId));
        }
        if (Live.Cancellation is null)
        {
            // Listed before the cancellation is stored, so a crash in between leaves nothing a sweep cannot find; a trip
            // listed but never cancelled is dropped from the list by the sweep.
            await grains.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key).AddAsync(tripId);
            log.ThrowIfBroken();
        }
        if (Live.Cancellation is { } done)
        {
            await log.WhenDurable();
            return new(done, null);
        }
        var now = time.GetUtcNow();
        if (TripOperations.CheckCancel(Live, command, now) is { } refused)
        {
            return new(null, refused);
        }
        var bookings = TripOperations.Bookings(Live);
        var cancellation = new TripCancellation(now, command.Actor, command.Reason, bookings, []);
        Live.Cancelled = true;
        Live.Cancellation = cancellation;
        // Nobody can buy held seats any more; a payment still arriving for one is refunded in full by its booking.
        Live.Holds.Clear();
        Live.PendingAudit.Add(new TripAuditRecord(now, "trip.cancelled", command.Actor, command.Reason,
            $"{bookings.Count} booking(s) to cancel and refund in full."));
        Live.Version++;
        await log.CommitAsync(new TripUpdate(tripId, Live.Version, [], Resync: true));
        await audit.PublishAsync(log);
        return new(cancellation, null);
    }

    public async Task<TripCancellation?> RefundSettledAsync(string bookingRef)
    {
        log.ThrowIfBroken();
        if (Live.Cancellation is not { } cancellation || !cancellation.Outstanding.Contains(bookingRef))
        {
            await log.WhenDurable();
            return Live.Cancellation;
        }
        Live.Cancellation = cancellation with
        {
            Outstanding = cancellation.Outstanding.Where(pnr => pnr != bookingRef).ToList(),
            Settled = [.. cancellation.Settled, bookingRef],
        };
        Live.Version++;
        await log.CommitAsync(new TripUpdate(tripId, Live.Version, []));
        if (Live.Cancellation is { Outstanding.Count: 0 })
        {
            await grains.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key).RemoveAsync(tripId);
        }
        return Live.Cancellation;
    }

    public Task<TripChangeResult> DelayAsync(DelayTrip command)
    {
        log.ThrowIfBroken();
        if (log.Inventory is null)
        {
            return Task.FromResult(TripChangeResult.Fail(TripGrain.NotFound(tripId)));
        }
        var before = Live.Definition!.Departure;
        var (trip, changed, failure) = TripOperations.Delay(Live, command, time.GetUtcNow());
        return ChangeTripAsync(trip, changed, failure, () => new TripAuditRecord(time.GetUtcNow(), "trip.delayed", command.Actor,
            command.Reason, $"Departure moved from {before.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm} to " +
            $"{command.NewDeparture.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm} (Dhaka time)."));
    }

    public Task<TripChangeResult> ChangeCoachAsync(ChangeCoach command)
    {
        log.ThrowIfBroken();
        if (log.Inventory is null)
        {
            return Task.FromResult(TripChangeResult.Fail(TripGrain.NotFound(tripId)));
        }
        var before = Live.Definition!.CoachRegistration;
        var (trip, changed, failure) = TripOperations.ChangeCoach(Live, command, time.GetUtcNow());
        return ChangeTripAsync(trip, changed, failure, () => new TripAuditRecord(time.GetUtcNow(), "trip.coach-changed", command.Actor,
            command.Reason, $"Coach {before} replaced by {command.Coach.Registration} (layout {command.Layout.Code})."));
    }

    /// <summary>
    /// Stores a new definition of the trip (synchronously applied, like every change here), tells watchers to resync
    /// and the departure board to list the new times or coach. Repeating an applied change only refreshes the board.
    /// </summary>
    private async Task<TripChangeResult> ChangeTripAsync(TripDefinition? trip, bool changed, TripFailure? failure, Func<TripAuditRecord> record)
    {
        if (failure is not null)
        {
            return TripChangeResult.Fail(failure);
        }
        if (changed)
        {
            log.Define(trip!);
            Live.PendingAudit.Add(record());
            Live.Version++;
            await log.CommitAsync(new TripUpdate(tripId, Live.Version, [], Resync: true));
            await audit.PublishAsync(log);
        }
        else
        {
            await log.WhenDurable();
        }
        await grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(TripOperations.BoardDay(trip!))).ReplaceTripAsync(trip!);
        return new(trip, TripOperations.Bookings(Live), null);
    }
}
