using DiuParibahan.Grains.Bookings;
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
/// charge goes to the provider under its own key.
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
        string pnr, ChangeSeatsRequest request, HttpContext http, IGrainFactory grains, NetworkCache network, IPaymentProvider provider)
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
        IPaymentProvider provider)
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
        return await RespondAsync(await payments.SettleAsync(result, http.RequestAborted), access, network, provider);
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> AbandonTripChange(
        string pnr, HttpContext http, IGrainFactory grains, NetworkCache network, IPaymentProvider provider)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr).AbandonTripChangeAsync(null);
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
        IPaymentProvider provider)
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
        return await RespondAsync(result, access, network, provider);
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> CancelPassenger(
        string pnr, string seat, HttpContext http, IGrainFactory grains, ChangePayments payments, NetworkCache network,
        IPaymentProvider provider)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        var result = await grains.GetGrain<IBookingChangesGrain>(pnr).CancelPassengerAsync(seat, BookingAccess.Actor(http));
        return await RespondAsync(await payments.SettleAsync(result, http.RequestAborted), access, network, provider);
    }

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
