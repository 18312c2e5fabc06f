using DiuParibahan.Grains.Boarding;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Tickets;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>
/// The supervisor's view of one departure: who is booked on which seat from where to where (bookings whose current trip
/// this is, confirmed or awaiting payment), and boarding at the door against the ticket's QR code or a typed PNR.
/// </summary>
public sealed class ManifestService(IGrainFactory grains, TripBookingRefs bookingRefs, NetworkCache network, TicketSigner signer)
{
    /// <summary>The manifest, or null if there is no such trip.</summary>
    public async Task<ManifestDto?> GetAsync(string tripId, CancellationToken ct)
    {
        var trip = grains.GetGrain<ITripGrain>(tripId);
        if (await trip.GetDefinitionAsync() is not { } definition)
        {
            return null;
        }
        var pnrs = await bookingRefs.ForTripAsync(tripId, ct);
        var bookings = await Task.WhenAll(pnrs.Select(p => grains.GetGrain<IBookingGrain>(p).GetAsync()));
        var boarded = (await grains.GetGrain<IBoardingGrain>(tripId).ListAsync()).ToDictionary(r => (r.Pnr, r.Seat));
        var stops = (await network.GetAsync()).Stops;
        var order = definition.Stops.Select((s, i) => (s.StopId, i)).ToDictionary(x => x.StopId, x => x.i);
        var passengers = bookings
            .OfType<BookingView>()
            .Where(b => b.Journey.TripId == tripId && b.Status is BookingStatus.Confirmed or BookingStatus.PendingPayment)
            .SelectMany(b => b.Passengers.Select(p =>
            {
                var record = boarded.GetValueOrDefault((b.Pnr, p.Seat));
                var (fromEn, fromBn) = Names(stops, b.Journey.From);
                var (toEn, toBn) = Names(stops, b.Journey.To);
                return new ManifestPassengerDto(p.Seat, p.Name, p.Phone, p.Gender.ToString(), b.Pnr, b.Journey.From, fromEn, fromBn,
                    b.Journey.To, toEn, toBn, b.Channel, b.Status == BookingStatus.Confirmed, record is not null, record?.BoardedAt, record?.Actor,
                    b.Points?.Boarding.NameEn, b.Points?.Boarding.NameBn, b.Points?.Boarding.At, b.Points?.Dropping.NameEn,
                    b.Points?.Dropping.NameBn, p.Passport?.Number, p.Passport?.Nationality, p.Passport?.Expiry);
            }))
            .OrderBy(p => order.GetValueOrDefault(p.From))
            .ThenBy(p => p.Seat.Length > 0 ? p.Seat[0] : ' ')
            .ThenBy(p => int.TryParse(p.Seat.AsSpan(1), out var n) ? n : 0)
            .ToList();
        var cancelled = await trip.GetCancellationAsync() is not null;
        return new ManifestDto(tripId, definition.RouteCode, definition.RouteNameEn, definition.RouteNameBn, definition.Departure,
            definition.CoachRegistration, cancelled, passengers.Count, passengers.Count(p => p.Boarded), passengers);
    }

    /// <summary>Checks the ticket (QR payload or PNR) against the trip and, if it may board, marks its passengers boarded.</summary>
    public async Task<Results<Ok<BoardingDto>, ProblemHttpResult>> BoardAsync(string tripId, BoardRequest request, string actor)
    {
        string pnr;
        SignedTicket? ticket = null;
        if (!string.IsNullOrWhiteSpace(request.Qr))
        {
            if (signer.TryRead(request.Qr.Trim()) is not { } read)
            {
                return Problem("ticket-invalid", "Not a Diu Paribahan ticket, or its signature does not check out.");
            }
            (ticket, pnr) = (read, read.Pnr);
        }
        else if (NormalisePnr(request.Pnr) is { } typed)
        {
            pnr = typed;
        }
        else
        {
            return Problem("invalid-pnr", "Scan the ticket's QR code or type its PNR (e.g. DP-7K3M9Q).");
        }
        if (await grains.GetGrain<IBookingGrain>(pnr).GetAsync() is not { } booking)
        {
            return Problem("booking-not-found", $"There is no booking {pnr}.");
        }
        if (booking.Journey.TripId != tripId)
        {
            return Problem("wrong-trip", $"{pnr} is booked on {booking.Journey.TripId}, not on this coach.");
        }
        if (booking.Status != BookingStatus.Confirmed)
        {
            return Problem("not-boardable", $"{pnr} is {booking.Status.ToString().ToLowerInvariant()}; only paid bookings board.");
        }
        if (ticket is not null && (ticket.Issue != (booking.Changes?.TicketIssue ?? 1) || !booking.Seats.SequenceEqual(ticket.Seats)))
        {
            return Problem("ticket-superseded", $"This ticket of {pnr} was replaced by a newer one after a change; ask for the new ticket.");
        }
        var result = await grains.GetGrain<IBoardingGrain>(tripId).BoardAsync(new BoardPassengers(pnr, booking.Seats, actor));
        var first = result.Records.MinBy(r => r.BoardedAt)!;
        return TypedResults.Ok(new BoardingDto(pnr, tripId, booking.Seats,
            booking.Passengers.Select(p => new BoardedPassengerDto(p.Name, p.Seat)).ToList(), booking.Journey.From, booking.Journey.To,
            result.AlreadyBoarded, first.BoardedAt, first.Actor));
    }

    // Typed at the door: any case, with or without the dash ("dp7k3m9q").
    private static string? NormalisePnr(string? typed)
    {
        var text = typed?.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (text.Length == 8 && text.StartsWith("DP", StringComparison.Ordinal))
        {
            text = "DP-" + text[2..];
        }
        return PnrFormat.IsWellFormed(text) ? text : null;
    }

    private static (string En, string Bn) Names(IReadOnlyDictionary<string, Grains.Catalog.Stop> stops, string id) =>
        stops.TryGetValue(id, out var stop) ? (stop.NameEn, stop.NameBn) : (id, id);

    private static ProblemHttpResult Problem(string code, string detail) => ApiProblems.Create(code, detail);
}
