using System.Text.Json;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Events;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>
/// Turns events into rollup increments. Plain C#: the same events always give the same delta, which is what makes
/// the rollup testable and, with the watermark moved in the same transaction, exactly-once.
/// </summary>
/// <remarks>
/// Sales count by the Dhaka day of the sale, load by the Dhaka day of departure, holds and traffic by the Dhaka day
/// and hour they happened. A cancelled sale is subtracted from leg load and counted as a cancellation on its day.
/// Trips see a trip/date change as a sale on the new trip and a cancellation on the old one; the booking's
/// <c>booking.trip-changed</c> event turns that back into one change (money cells, by route code), and brings the
/// change difference. Refunds are counted when a cancellation decides them, so net = gross + change differences − refunds.
/// </remarks>
public static class AnalyticsFold
{
    /// <summary>The event kind of a trip search (payload: from, to, day, results).</summary>
    public const string SearchKind = "search.trips";

    public static RollupDelta Fold(IEnumerable<StoredEvent> events)
    {
        var delta = new RollupDelta();
        foreach (var e in events)
        {
            try
            {
                FoldOne(delta, e);
            }
            catch (JsonException)
            {
                // A payload this version cannot read (hand-written, or from a future version) is skipped, not retried
                // forever: one bad row must not stop the rollup.
                delta.Skipped++;
            }
        }
        return delta;
    }

    private static void FoldOne(RollupDelta delta, StoredEvent e)
    {
        if (e.Kind == SearchKind)
        {
            Traffic(delta, e.OccurredAt).Searches++;
        }
        else if (e.Kind.StartsWith("trip.", StringComparison.Ordinal) && e.TripId is { } tripId)
        {
            FoldTrip(delta, e, tripId, Parse<TripEventPayload>(e.PayloadJson));
        }
        else if (e.Kind.StartsWith("booking.", StringComparison.Ordinal) && e.BookingRef is { } pnr && e.TripId is { } bookingTrip)
        {
            var p = Parse<BookingEventPayload>(e.PayloadJson);
            delta.Bookings[pnr] = new BookingIndexEntry(pnr, p.Phone, bookingTrip, p.RouteCode, p.From, p.To, p.Departure,
                p.Status, p.Channel, p.Seats, p.Total, e.OccurredAt);
            FoldMoney(delta, e, p);
        }
    }

    private static void FoldMoney(RollupDelta delta, StoredEvent e, BookingEventPayload p)
    {
        switch (e.Kind)
        {
            case "booking.trip-changed":
                var change = Money(delta, DhakaTime.Day(e.OccurredAt), p);
                change.Changes++;
                // The new trip counted a booking, its seats and its fare; the old trip counted a cancellation.
                change.BookingCorrection--;
                change.SeatCorrection -= p.Seats;
                change.CancellationCorrection--;
                change.GrossCorrection -= p.Total;
                change.ChangeDifference += p.Amount ?? 0;
                break;
            case "booking.cancelled" or "booking.trip-cancelled" or "booking.passenger-cancelled" when p.Amount is > 0:
                Money(delta, DhakaTime.Day(e.OccurredAt), p).Refunds += p.Amount.Value;
                break;
        }
    }

    private static RollupDelta.MoneyCell Money(RollupDelta delta, DateOnly day, BookingEventPayload p)
    {
        var key = (day, p.RouteCode, p.Channel);
        return delta.Money.TryGetValue(key, out var cell) ? cell : delta.Money[key] = new RollupDelta.MoneyCell();
    }

    private static void FoldTrip(RollupDelta delta, StoredEvent e, string tripId, TripEventPayload p)
    {
        var day = DhakaTime.Day(e.OccurredAt);
        switch (e.Kind)
        {
            case TripActivityKinds.HoldCreated:
                Holds(delta, day, p).Created++;
                Traffic(delta, e.OccurredAt).Holds++;
                break;
            case TripActivityKinds.HoldRejected:
                Holds(delta, day, p).Rejected++;
                Traffic(delta, e.OccurredAt).Holds++;
                break;
            case TripActivityKinds.HoldReleased:
                Holds(delta, day, p).Released++;
                break;
            case TripActivityKinds.HoldExpired:
                Holds(delta, day, p).Expired++;
                break;
            case TripActivityKinds.Sold:
                var sale = Sales(delta, day, p);
                sale.Bookings++;
                sale.Seats += p.Seats;
                sale.Revenue += p.Amount;
                if (p.HoldId is not null)
                {
                    Holds(delta, day, p).Confirmed++;
                }
                if (p.From >= 0 && p.From < p.Stops.Count)
                {
                    var boarding = Boarding(delta, day, p.Stops[p.From]);
                    boarding.Bookings++;
                    boarding.Seats += p.Seats;
                }
                AddLoad(delta, tripId, p, p.Seats);
                break;
            case TripActivityKinds.SaleCancelled:
                var cancelled = Sales(delta, day, p);
                cancelled.Cancellations++;
                cancelled.CancelledSeats += p.Seats;
                AddLoad(delta, tripId, p, -p.Seats);
                break;
        }
    }

    // Every leg of the trip gets a row (unsold legs count 0), so a trip's load factor averages over all its legs.
    private static void AddLoad(RollupDelta delta, string tripId, TripEventPayload p, int seats)
    {
        var departureDay = DhakaTime.Day(p.Departure);
        for (var leg = 0; leg < p.Stops.Count - 1; leg++)
        {
            var key = (departureDay, tripId, leg);
            if (!delta.Legs.TryGetValue(key, out var cell))
            {
                delta.Legs[key] = cell = new RollupDelta.LegCell(p.RouteId, p.RouteCode, p.Departure, p.Stops[leg], p.Stops[leg + 1], p.Capacity);
            }
            if (leg >= p.From && leg < p.To)
            {
                cell.SeatsSold += seats;
            }
        }
    }

    private static RollupDelta.SalesCell Sales(RollupDelta delta, DateOnly day, TripEventPayload p)
    {
        var key = (day, p.RouteId, p.Channel);
        return delta.Sales.TryGetValue(key, out var cell) ? cell : delta.Sales[key] = new RollupDelta.SalesCell(p.RouteCode);
    }

    private static RollupDelta.HoldsCell Holds(RollupDelta delta, DateOnly day, TripEventPayload p)
    {
        var key = (day, p.RouteId);
        return delta.Holds.TryGetValue(key, out var cell) ? cell : delta.Holds[key] = new RollupDelta.HoldsCell();
    }

    private static RollupDelta.TrafficCell Traffic(RollupDelta delta, DateTimeOffset at)
    {
        var key = (DhakaTime.Day(at), DhakaTime.Hour(at));
        return delta.Traffic.TryGetValue(key, out var cell) ? cell : delta.Traffic[key] = new RollupDelta.TrafficCell();
    }

    private static RollupDelta.BoardingCell Boarding(RollupDelta delta, DateOnly day, string stopId)
    {
        var key = (day, stopId);
        return delta.Boarding.TryGetValue(key, out var cell) ? cell : delta.Boarding[key] = new RollupDelta.BoardingCell();
    }

    private static T Parse<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, ReadOptions) ?? throw new JsonException("An event payload is null.");

    // Strict reading: a payload missing a field (e.g. written before the field existed) is refused and skipped
    // rather than folded with nulls.
    private static readonly JsonSerializerOptions ReadOptions = new(EventJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
