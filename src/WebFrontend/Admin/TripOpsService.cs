using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Payments;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>
/// Ops actions on whole trips, carried to every booking on them. The trip grain records the action first (durably, with
/// the bookings still to settle); then each booking is told and, for a cancellation, refunded through
/// <see cref="BookingPayments.SettleRefundAsync"/> with the booking's idempotency key, and reported settled to the trip.
/// Every step can be repeated, so re-issuing the action after a crash or a provider outage finishes what is left, and two
/// concurrent runs refund each booking once (the provider dedupes by key, the booking ignores a second report).
/// </summary>
public sealed partial class TripOpsService(IGrainFactory grains, BookingPayments payments, ILogger<TripOpsService> logger)
{
    /// <summary>Cancels the trip (or finds it cancelled) and settles every outstanding booking it can.</summary>
    public async Task<CancelTripResult> CancelAsync(string tripId, CancelTrip command, CancellationToken ct)
    {
        var trip = grains.GetGrain<ITripGrain>(tripId);
        var result = await trip.CancelTripAsync(command);
        if (result.Cancellation is not { } cancellation)
        {
            return result;
        }
        var notice = new TripCancelledNotice(cancellation.Actor, cancellation.Reason);
        foreach (var pnr in cancellation.Outstanding)
        {
            try
            {
                if (await SettleAsync(pnr, notice, ct))
                {
                    cancellation = await trip.RefundSettledAsync(pnr) ?? cancellation;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // This booking stays outstanding; the others go on, and re-issuing the cancel retries it.
                LogSettleFailed(logger, ex, tripId, pnr);
            }
        }
        return new(cancellation, null);
    }

    /// <summary>Cancels one booking of the cancelled trip and refunds it; true once nothing more is owed through the provider.</summary>
    private async Task<bool> SettleAsync(string pnr, TripCancelledNotice notice, CancellationToken ct)
    {
        var cancelled = await grains.GetGrain<IBookingGrain>(pnr).TripCancelledAsync(notice);
        if (cancelled.Booking is not { } booking)
        {
            // A sale whose booking was never stored (a counter sale interrupted before its booking was saved) owes nobody.
            return cancelled.Failure?.Code == BookingErrorCode.BookingNotFound;
        }
        var settled = await payments.SettleRefundAsync(booking, ct);
        return settled.Booking is { RefundOutstanding: false };
    }

    /// <summary>Delays the trip and moves every booking's journey to the new times; repeating it finishes what is left.</summary>
    public async Task<TripChangeResult> DelayAsync(string tripId, DelayTrip command, CancellationToken ct)
    {
        var result = await grains.GetGrain<ITripGrain>(tripId).DelayAsync(command);
        if (result.Trip is not { } trip)
        {
            return result;
        }
        var notice = new TripDelayedNotice(trip.Stops, command.Actor, command.Reason);
        foreach (var pnr in result.Bookings)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await grains.GetGrain<IBookingGrain>(pnr).TripDelayedAsync(notice);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDelayFailed(logger, ex, tripId, pnr);
            }
        }
        return result;
    }

    /// <summary>
    /// Puts coach <paramref name="coachId"/> of the network on the trip, unless there is no such coach (or layout) or the
    /// coach runs another trip at that time (turnaround margin included); then nothing changes.
    /// </summary>
    public async Task<CoachChangeOutcome> ChangeCoachAsync(string tripId, string coachId, string actor, string reason)
    {
        var catalog = grains.GetGrain<ICatalogGrain>("network");
        var network = await catalog.GetNetworkAsync();
        if (network.Coaches.FirstOrDefault(c => c.Id == coachId) is not { } coach
            || network.Layouts.FirstOrDefault(l => l.Code == coach.LayoutCode) is not { } layout)
        {
            return new(null, null, null, UnknownCoach: true);
        }
        var trip = grains.GetGrain<ITripGrain>(tripId);
        var current = await trip.GetDefinitionAsync();
        if (current is not null && current.CoachId != coachId
            && (await catalog.CheckCoachFreeAsync(coachId, tripId, current.Departure, current.Stops[^1].Departure)).Failure is { } busy)
        {
            return new(null, busy, current.CoachId, UnknownCoach: false);
        }
        var result = await trip.ChangeCoachAsync(new ChangeCoach(coach, layout, actor, reason));
        if (result.Trip is { } changed)
        {
            // Each booking takes the coach the trip now has; its event sends the passenger the SMS. Repeating the change
            // reaches the bookings a failure skipped, and those already moved are unchanged.
            var notice = new TripCoachChangedNotice(changed.CoachRegistration, changed.CoachClass.ToString(), actor, reason);
            foreach (var pnr in result.Bookings)
            {
                try
                {
                    await grains.GetGrain<IBookingGrain>(pnr).TripCoachChangedAsync(notice);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCoachChangeFailed(logger, ex, tripId, pnr);
                }
            }
        }
        return new(result, null, current?.CoachId, UnknownCoach: false);
    }

    /// <summary>
    /// How a coach change went: <paramref name="Result"/> from the trip grain, or <paramref name="Busy"/> when the coach
    /// runs another trip then, or <paramref name="UnknownCoach"/>. <paramref name="PreviousCoachId"/> is the trip's coach before.
    /// </summary>
    public sealed record CoachChangeOutcome(TripChangeResult? Result, CatalogFailure? Busy, string? PreviousCoachId, bool UnknownCoach);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trip {TripId}: settling booking {Pnr} of the cancellation failed; it stays outstanding")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string tripId, string pnr);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trip {TripId}: moving booking {Pnr} to the delayed times failed; re-issue the delay")]
    private static partial void LogDelayFailed(ILogger logger, Exception exception, string tripId, string pnr);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trip {TripId}: moving booking {Pnr} to the new coach failed; change the coach again")]
    private static partial void LogCoachChangeFailed(ILogger logger, Exception exception, string tripId, string pnr);
}
