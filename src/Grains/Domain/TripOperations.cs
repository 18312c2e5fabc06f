using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// The rules of ops actions on a whole trip (cancel, delay, change coach). Plain C#: time is passed in, nothing here
/// changes state or does I/O; the trip grain applies what these allow.
/// </summary>
public static class TripOperations
{
    /// <summary>The longest a trip may be delayed past its timetabled departure.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(12);

    public const int MaxReasonLength = 500;

    /// <summary>The bookings (PNRs) sold on the trip, in order.</summary>
    public static IReadOnlyList<string> Bookings(TripState state) =>
        state.Sales.Values.Select(s => s.BookingRef).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The board day a trip is listed under: its timetabled service day, which a delay does not move.</summary>
    public static DateOnly BoardDay(TripDefinition trip) => ServiceDay.Of(trip.ScheduledDeparture ?? trip.Departure);

    public static TripFailure? CheckCancel(TripState state, CancelTrip command, DateTimeOffset now) =>
        CheckActor(command.Actor, command.Reason) ?? CheckFuture(state, now);

    /// <summary>The trip moved to the new departure, whether that changes anything (false when already delayed to it), or why not.</summary>
    public static (TripDefinition? Trip, bool Changed, TripFailure? Failure) Delay(TripState state, DelayTrip command, DateTimeOffset now)
    {
        var trip = state.Definition!;
        if (trip.ScheduledDeparture is not null && command.NewDeparture == trip.Departure)
        {
            return (trip, false, null);
        }
        if ((CheckActor(command.Actor, command.Reason) ?? CheckFuture(state, now)) is { } refused)
        {
            return (null, false, refused);
        }
        if (command.NewDeparture <= trip.Departure)
        {
            return (null, false, TripFailure.Of(TripErrorCode.InvalidRequest,
                $"The new departure must be later than the current one ({trip.Departure.ToOffset(ServiceDay.DhakaOffset):yyyy-MM-dd HH:mm})."));
        }
        var scheduled = trip.ScheduledDeparture ?? trip.Departure;
        if (command.NewDeparture - scheduled > MaxDelay)
        {
            return (null, false, TripFailure.Of(TripErrorCode.InvalidRequest,
                $"A trip can be delayed by at most {MaxDelay.TotalHours:0} hours; cancel it instead."));
        }
        var shift = command.NewDeparture - trip.Departure;
        return (trip with
        {
            Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList(),
            ScheduledDeparture = scheduled,
        }, true, null);
    }

    /// <summary>The trip on the new coach, whether that changes anything, or why not (with the seats that would vanish).</summary>
    public static (TripDefinition? Trip, bool Changed, TripFailure? Failure) ChangeCoach(TripState state, ChangeCoach command, DateTimeOffset now)
    {
        var trip = state.Definition!;
        if (trip.CoachId == command.Coach.Id && trip.Layout.Code == command.Layout.Code)
        {
            return (trip, false, null);
        }
        if ((CheckActor(command.Actor, command.Reason) ?? CheckFuture(state, now)) is { } refused)
        {
            return (null, false, refused);
        }
        if (command.Coach.LayoutCode != command.Layout.Code)
        {
            return (null, false, TripFailure.Of(TripErrorCode.InvalidRequest, "The layout is not the coach's layout."));
        }
        // Fares were quoted and paid for the trip's class; a coach of another class would change what was sold.
        if (command.Coach.Class != trip.CoachClass)
        {
            return (null, false, TripFailure.Of(TripErrorCode.CoachIncompatible,
                $"Coach {command.Coach.Registration} is {command.Coach.Class}; this trip is sold as {trip.CoachClass}."));
        }
        var labels = command.Layout.Seats.Select(s => s.Label).ToHashSet(StringComparer.Ordinal);
        var missing = state.Holds.Values.Where(h => h.ExpiresAt > now).SelectMany(h => h.Seats)
            .Concat(state.Sales.Values.SelectMany(s => s.Seats))
            .Concat(state.Blocks.Select(b => b.Seat))
            .Where(seat => !labels.Contains(seat))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            return (null, false, new TripFailure(TripErrorCode.CoachIncompatible,
                $"Coach {command.Coach.Registration} has no seat {string.Join(", ", missing)}, which is held, sold or blocked on this trip.", missing));
        }
        return (trip with { CoachId = command.Coach.Id, CoachRegistration = command.Coach.Registration, Layout = command.Layout }, true, null);
    }

    private static TripFailure? CheckActor(string actor, string reason)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            return TripFailure.Of(TripErrorCode.InvalidRequest, "Who is acting is required.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            return TripFailure.Of(TripErrorCode.InvalidRequest, $"A reason of 1–{MaxReasonLength} characters is required.");
        }
        return null;
    }

    private static TripFailure? CheckFuture(TripState state, DateTimeOffset now)
    {
        if (state.Cancelled)
        {
            return TripFailure.Of(TripErrorCode.TripCancelled, "This trip has been cancelled.");
        }
        if (now >= state.Definition!.Departure)
        {
            return TripFailure.Of(TripErrorCode.TripDeparted, "The coach has already left its first stop.");
        }
        return null;
    }
}
