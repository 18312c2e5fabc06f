using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Payments;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Changes;

/// <summary>
/// Ticket changes: seats, trip/date, passenger correction, dropping one passenger. Same access rules as the booking
/// (<see cref="BookingAccess"/>: owner, guest token, clerk or ops; anyone else gets 404). Retries are safe: asking for
/// the seats one already has changes nothing, a trip change is idempotent by its request id, and each refund or
/// charge goes to the provider under its own key. A change made by staff (a clerk at the counter, ops) is a staff write and
/// goes to the audit log with its actor; a passenger changing their own booking is not audited.
/// </summary>
public static class ChangeEndpoints
{
    public static IEndpointRouteBuilder MapChangeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/bookings/{pnr}").WithTags("Ticket changes");
        api.MapPost("/seats", ChangeSeats).WithSummary("Move the passengers to other seats on the same trip, in one step");
        api.MapGet("/trip-change", QuoteTripChange).WithSummary("What moving to another departure of the route would cost or refund");
        api.MapPost("/trip-change", BeginTripChange)
            .WithSummary("Move to another departure: hold the new seats, then pay the difference (or get it back); idempotent by requestId");
        api.MapDelete("/trip-change", AbandonTripChange).WithSummary("Give up a trip change waiting for its payment; the new seats are released");
        api.MapPost("/trip-change/payments/simulate", SimulateChangePayment).WithTags("Payments")
            .WithSummary("Simulated provider only: complete the trip change's payment as succeeded or failed");
        api.MapPut("/passengers/{seat}", CorrectPassenger).WithSummary("Correct the name, phone or gender of the passenger on a seat");
        api.MapDelete("/passengers/{seat}", CancelPassenger).WithSummary("Cancel one passenger of a booking; the seat is freed and the policy refund paid");
        return app;
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> ChangeSeats(
        string pnr, ChangeSeatsRequest request, HttpContext http, IGrainFactory grains, NetworkCache network, IPaymentProvider provider,
        AuditRecorder audit)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        if (request.Seats is not { Count: > 0 } seats || seats.Any(string.IsNullOrWhiteSpace))
        {
            return ApiProblems.Invalid("seats must list one seat per passenger, in passenger order.");
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr).ChangeSeatsAsync(seats, BookingAccess.Actor(http));
        await AuditIfStaffAsync(http, audit, result, "booking.seats-changed-by-staff", new { seats = access.Booking.Seats },
            b => new { seats = b.Seats });
        return await RespondAsync(result, access, network, provider);
    }

    private static async Task<Results<Ok<TripChangeQuoteDto>, ProblemHttpResult>> QuoteTripChange(
        string pnr, string? tripId, HttpContext http, IGrainFactory grains)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is null)
        {
            return ApiProblems.BookingNotFound();
        }
        if (string.IsNullOrWhiteSpace(tripId))
        {
            return ApiProblems.Invalid("tripId is required.");
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr).QuoteTripChangeAsync(tripId);
        return result.Quote is { } quote
            ? TypedResults.Ok(TripChangeQuoteDto.Of(quote))
            : result.Failure?.ToProblem() ?? result.TripFailure!.ToProblem();
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> BeginTripChange(
        string pnr, TripChangeRequest request, HttpContext http, IGrainFactory grains, ChangePayments payments, NetworkCache network,
        IPaymentProvider provider, AuditRecorder audit)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        if (string.IsNullOrWhiteSpace(request.TripId) || request.Seats is not { Count: > 0 } seats || seats.Any(string.IsNullOrWhiteSpace)
            || string.IsNullOrWhiteSpace(request.RequestId))
        {
            return ApiProblems.Invalid("tripId, seats (one per passenger, in passenger order) and requestId are required.");
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr)
            .BeginTripChangeAsync(request.TripId, seats, request.RequestId, BookingAccess.Actor(http));
        if (result.Booking is { } begun && result.Failure is null && result.TripFailure is null)
        {
            result = await payments.StartAsync(begun, http.RequestAborted);
        }
        result = await payments.SettleAsync(result, http.RequestAborted);
        await AuditIfStaffAsync(http, audit, result, "booking.trip-changed-by-staff",
            new { tripId = access.Booking.Journey.TripId, seats = access.Booking.Seats },
            b => new { tripId = b.Journey.TripId, seats = b.Seats, awaitingPaymentFor = b.Changes?.Pending?.TripId, amountDue = b.Changes?.Pending?.Quote.AmountDue });
        return await RespondAsync(result, access, network, provider);
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> AbandonTripChange(
        string pnr, HttpContext http, IGrainFactory grains, NetworkCache network, IPaymentProvider provider, AuditRecorder audit)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr).AbandonTripChangeAsync(null);
        await AuditIfStaffAsync(http, audit, result, "booking.trip-change-abandoned-by-staff",
            new { awaitingPaymentFor = access.Booking.Changes?.Pending?.TripId }, b => new { tripId = b.Journey.TripId, seats = b.Seats });
        return await RespondAsync(result, access, network, provider);
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> SimulateChangePayment(
        string pnr, SimulatePaymentRequest request, HttpContext http, IGrainFactory grains, ChangePayments payments,
        NetworkCache network, IPaymentProvider provider)
    {
        if (provider is not SimulatedPaymentProvider || await BookingAccess.FindAsync(pnr, http, grains) is not { } access
            || access.Booking.Payment.Provider != provider.Name)
        {
            return ApiProblems.BookingNotFound();
        }
        if (access.Booking.Changes?.Pending?.PaymentReference is not { } reference)
        {
            return new BookingFailure(BookingErrorCode.NoChangePending, "No trip change is waiting for a payment.").ToProblem();
        }
        var changes = grains.GetGrain<IBookingChangesGrain>(pnr);
        ChangeResult? result = request.Outcome switch
        {
            "succeeded" => await changes.ChangePaymentSucceededAsync(reference),
            "failed" => await changes.AbandonTripChangeAsync(reference),
            _ => null,
        };
        if (result is null)
        {
            return ApiProblems.Invalid("outcome must be \"succeeded\" or \"failed\".");
        }
        return await RespondAsync(await payments.SettleAsync(result, http.RequestAborted), access, network, provider);
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> CorrectPassenger(
        string pnr, string seat, PassengerRequest request, HttpContext http, IGrainFactory grains, NetworkCache network,
        IPaymentProvider provider, AuditRecorder audit)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        if (BookingEndpoints.ParsePassengers([request]) is not [var passenger])
        {
            return new BookingFailure(BookingErrorCode.InvalidPassenger, "A passenger needs name, phone and gender (male, female or other).").ToProblem();
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr).CorrectPassengerAsync(seat, passenger, BookingAccess.Actor(http));
        // Names and genders are what a correction is about; phone numbers stay out of the log, only whether one changed.
        var was = access.Booking.Passengers.FirstOrDefault(p => p.Seat == seat);
        await AuditIfStaffAsync(http, audit, result, "booking.passenger-corrected-by-staff",
            new { seat, name = was?.Name, gender = was?.Gender.ToString() },
            _ => new { seat, name = passenger.Name, gender = passenger.Gender.ToString(), phoneChanged = was?.Phone != passenger.Phone });
        return await RespondAsync(result, access, network, provider);
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> CancelPassenger(
        string pnr, string seat, HttpContext http, IGrainFactory grains, ChangePayments payments, NetworkCache network,
        IPaymentProvider provider, AuditRecorder audit)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr).CancelPassengerAsync(seat, BookingAccess.Actor(http));
        result = await payments.SettleAsync(result, http.RequestAborted);
        await AuditIfStaffAsync(http, audit, result, "booking.passenger-cancelled-by-staff",
            new { seat, seats = access.Booking.Seats, total = access.Booking.Total },
            b => new { seats = b.Seats, total = b.Total, refund = RefundedSoFar(b) - RefundedSoFar(access.Booking) });
        return await RespondAsync(result, access, network, provider);
    }

    /// <summary>Records a change that succeeded in the audit log when staff made it (a passenger's own change is not a staff write).</summary>
    private static async Task AuditIfStaffAsync(
        HttpContext http, AuditRecorder audit, ChangeResult result, string action, object before, Func<BookingView, object> after)
    {
        if (result is { Booking: { } booking, Failure: null, TripFailure: null } && Roles.IsStaff(http.User))
        {
            await audit.RecordAsync(http, action, booking.Pnr, null, before, after(booking));
        }
    }

    private static decimal RefundedSoFar(BookingView booking) => booking.Changes?.Refunds.Sum(r => r.Amount) ?? 0;

    /// <summary>The booking afterwards, or the refusal (a booking code or the trip's own, with the conflicting seats).</summary>
    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> RespondAsync(
        ChangeResult result, BookingAccess.Access access, NetworkCache network, IPaymentProvider provider)
    {
        if (result.Failure is { } failure)
        {
            return failure.ToProblem();
        }
        if (result.TripFailure is { } tripFailure)
        {
            return tripFailure.ToProblem();
        }
        return TypedResults.Ok(BookingDto.Of(result.Booking!, (await network.GetAsync()).Stops, access.IsOwner, provider.PublishableKey));
    }
}
