using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Localization;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace DiuParibahan.WebFrontend.Tickets;

/// <summary>
/// E-tickets (owner or booking token, like the booking itself) and their verification at boarding, which is for staff
/// (clerks and supervisors) only.
/// </summary>
public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Tickets");
        api.MapGet("/bookings/{pnr}/ticket", Ticket).WithSummary("Printable HTML e-ticket with QR code");
        api.MapGet("/bookings/{pnr}/ticket/qr.png", QrCode).WithSummary("The ticket's QR code (signed payload) as PNG");
        api.MapPost("/tickets/verify", Verify).WithSummary("Check a scanned QR payload: valid, invalid, cancelled or superseded")
            .RequireAuthorization(AuthPolicies.Staff);
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Ticket(
        string pnr, HttpContext http, IGrainFactory grains, TicketSigner signer, NetworkCache network, IStringLocalizer<TicketStrings> text)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        var payload = Payload(signer, access.Booking);
        var html = TicketPage.Render(access.Booking, (await network.GetAsync()).Stops, payload, Qr(payload), text);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> QrCode(
        string pnr, HttpContext http, IGrainFactory grains, TicketSigner signer)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        return TypedResults.File(Qr(Payload(signer, access.Booking)), "image/png");
    }

    private static async Task<Ok<TicketVerificationDto>> Verify(
        VerifyTicketRequest request, IGrainFactory grains, TicketSigner signer, IStringLocalizer<TicketStrings> text)
    {
        if (signer.TryRead(request.Payload) is not { } ticket
            || await grains.GetGrain<IBookingGrain>(ticket.Pnr).GetAsync() is not { } booking)
        {
            return TypedResults.Ok(new TicketVerificationDto(false, "invalid", null, null, null, null, null));
        }
        // A ticket of an earlier issue (before a seat, trip or passenger change) is superseded, even for another trip.
        var current = ticket.Issue == (booking.Changes?.TicketIssue ?? 1);
        if (current && booking.Journey.TripId != ticket.TripId)
        {
            return TypedResults.Ok(new TicketVerificationDto(false, "invalid", null, null, null, null, null, text["Verify.invalid"]));
        }
        var status = booking.Status switch
        {
            BookingStatus.Confirmed when current && booking.Seats.SequenceEqual(ticket.Seats) => "valid",
            BookingStatus.Confirmed => "superseded",
            BookingStatus.Cancelled or BookingStatus.Refunded => "cancelled",
            _ => "invalid",
        };
        return TypedResults.Ok(new TicketVerificationDto(status == "valid", status, booking.Pnr, booking.Journey.TripId, booking.Seats,
            booking.Passengers.Select(p => new VerifiedPassengerDto(p.Name, p.Seat)).ToList(), booking.Journey.Departure,
            text["Verify." + status]));
    }

    private static string Payload(TicketSigner signer, BookingView booking) =>
        signer.Sign(booking.Pnr, booking.Journey.TripId, booking.Seats, booking.Changes?.TicketIssue ?? 1);

    private static byte[] Qr(string payload) => PngByteQRCodeHelper.GetQRCode(payload, QRCodeGenerator.ECCLevel.M, 6);
}
