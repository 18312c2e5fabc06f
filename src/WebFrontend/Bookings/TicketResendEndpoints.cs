using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// <c>POST /api/bookings/{pnr}/resend</c>: the ticket SMS of a confirmed booking sent again, by its owner (a passenger
/// with a verified phone) or by clerks and ops for a passenger at the counter or on the phone. Anyone else, a guest
/// token holder included, gets the same 404 as for a PNR that does not exist: the SMS goes to the booking's contact,
/// so only people who can already see it all may trigger it. Staff resends are audited.
/// </summary>
public static class TicketResendEndpoints
{
    public static IEndpointRouteBuilder MapTicketResendEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/bookings").WithTags("Bookings")
            .MapPost("/{pnr}/resend", Resend)
            .WithSummary("Send the ticket SMS again (owner, clerks and ops; at most 3 per booking per Dhaka day)")
            .RequireRateLimiting(RateLimits.Holds);
        return app;
    }

    private static async Task<Results<Accepted<TicketResendDto>, ProblemHttpResult>> Resend(
        string pnr, HttpContext http, IGrainFactory grains, TimeProvider clock, AuditRecorder audit)
    {
        if (!PnrFormat.IsWellFormed(pnr) || await grains.GetGrain<IBookingGrain>(pnr).GetAsync() is not { } booking
            || !MayResend(http, booking))
        {
            return ApiProblems.BookingNotFound();
        }
        var staff = PassengerPhone.IsStaff(http.User);
        var result = await grains.GetGrain<IBookingGrain>(pnr).ResendTicketAsync(BookingAccess.Actor(http));
        if (result.Failure is { Code: BookingErrorCode.ResendLimitReached } limited)
        {
            var wait = (result.RetryAt ?? clock.GetUtcNow()) - clock.GetUtcNow();
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return ApiProblems.Create(ProblemCatalog.CodeFor(limited.Code), limited.Detail,
                new Dictionary<string, object?> { ["retryAfter"] = seconds, ["until"] = result.RetryAt, ["limit"] = result.Limit });
        }
        if (result.Failure is { } failure)
        {
            return failure.ToProblem();
        }
        if (staff)
        {
            await audit.RecordAsync(http, "booking.ticket-resent-by-staff", pnr, null, null, new { sentToday = result.SentToday });
        }
        return TypedResults.Accepted((string?)null, new TicketResendDto(pnr, result.SentToday, result.Limit, result.Limit - result.SentToday));
    }

    // The owner only with a verified phone (every online booking's owner has one; an anonymous cookie owner of an old
    // booking does not), staff who sell for others (clerks, ops); not supervisors, who only board.
    private static bool MayResend(HttpContext http, BookingView booking) =>
        PassengerPhone.IsStaff(http.User)
        || (OwnerResolver.Find(http) == booking.OwnerId && PassengerPhone.Verified(http.User) is not null);
}

/// <summary>A resend accepted: <paramref name="SentToday"/> of <paramref name="Limit"/> used this Dhaka day.</summary>
public sealed record TicketResendDto(string Pnr, int SentToday, int Limit, int RemainingToday);
