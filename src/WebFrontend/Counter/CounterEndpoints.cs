using System.Globalization;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Payments;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Queue;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Counter;

/// <summary>
/// The counter: clerks sell seats for cash (a confirmed booking at once, idempotent by request id per clerk) and see
/// their day's takings. Clerk-only; reading, cancelling and printing a counter booking go through the booking and
/// ticket endpoints, where staff have access (<see cref="BookingAccess"/>). Counters are not queued by sale windows, but
/// a window may cap their seats per trip (<c>counter-quota-reached</c>), enforced by the trip grain.
/// </summary>
public static class CounterEndpoints
{
    // A PNR can collide with another booking's (31^6 values); the next attempt derives another one.
    private const int PnrAttempts = 4;
    private const int MaxRequestIdLength = 100;

    public static IEndpointRouteBuilder MapCounterEndpoints(this IEndpointRouteBuilder app)
    {
        var counter = app.MapGroup("/api/counter").WithTags("Counter").RequireAuthorization(AuthPolicies.Clerk);
        counter.MapPost("/sales", Sell).WithSummary("Sell seats for cash at the clerk's counter (idempotent per request id)");
        counter.MapGet("/summary", Summary).WithSummary("The signed-in clerk's counter sales of one day (Dhaka date)");
        return app;
    }

    private static async Task<Results<Created<BookingDto>, ProblemHttpResult>> Sell(
        CounterSaleRequest request, HttpContext http, IGrainFactory grains, BookingPayments payments, NetworkCache network,
        IOptions<FareOptions> fares, SaleWindowDirectory windows)
    {
        var clerk = OwnerResolver.Find(http)!;
        var counterId = http.User.FindFirst(AuthClaims.Counter)!.Value;
        if (string.IsNullOrWhiteSpace(request.TripId) || string.IsNullOrWhiteSpace(request.From) || string.IsNullOrWhiteSpace(request.To))
        {
            return ApiProblems.Invalid("tripId, from and to are required.");
        }
        if (request.RequestId is not { Length: > 0 and <= MaxRequestIdLength } requestId || requestId.Any(char.IsControl))
        {
            return ApiProblems.Invalid($"requestId (1–{MaxRequestIdLength} characters) is required so a retry does not sell twice.");
        }
        if (request.Seats is not { Count: > 0 } seats || seats.Any(string.IsNullOrWhiteSpace))
        {
            return ApiProblems.Invalid("seats must list at least one seat label, e.g. [\"A1\"].");
        }
        var (passengers, passengerFailure) = BookingEndpoints.ReadPassengers(request.Passengers);
        if (passengerFailure is not null)
        {
            return passengerFailure.ToProblem();
        }
        var (points, pointFailure) = await BookingEndpoints.ResolvePointsAsync(grains, network, request.TripId.Trim(), request.From.Trim(),
            request.To.Trim(), request.BoardingPoint, request.DroppingPoint);
        if (pointFailure is not null)
        {
            return pointFailure.ToProblem();
        }
        // From this frontend's copy of the windows, like the hold gate: a window announced elsewhere caps here within its age.
        var window = await windows.GatingWindowForAsync(request.TripId.Trim());
        var command = new CounterSale(clerk, counterId, request.TripId.Trim(), seats.Select(s => s!.Trim().ToUpperInvariant()).ToList(),
            request.From.Trim(), request.To.Trim(), passengers!, requestId, points, fares.Value.TermsFor(PaymentProviders.Cash, online: false),
            window?.CounterSeatsPerTrip);
        var result = new CounterSaleResult(null, new(BookingErrorCode.PnrTaken, "No free booking reference was found; try again."), null);
        for (var attempt = 0; attempt < PnrAttempts && result.Failure?.Code == BookingErrorCode.PnrTaken; attempt++)
        {
            result = await grains.GetGrain<IBookingGrain>(PnrFormat.ForCounterSale(clerk, requestId, attempt)).CreateCounterSaleAsync(command);
        }
        if (result.Booking is not { } booking)
        {
            return result.TripFailure?.ToProblem() ?? result.Failure!.ToProblem();
        }
        var dto = BookingDto.Of(booking, (await network.GetAsync()).Stops, includeToken: true, payments.Provider.PublishableKey);
        return TypedResults.Created($"/api/bookings/{booking.Pnr}", dto);
    }

    /// <remarks>
    /// Read from the clerk's day list (<see cref="IClerkDayGrain"/>) and the bookings themselves: the bookings are the
    /// truth, so a cancellation later in the day drops out by itself and no running tally can drift.
    /// </remarks>
    private static async Task<Results<Ok<CounterSummaryDto>, ProblemHttpResult>> Summary(
        string? date, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var clerk = OwnerResolver.Find(http)!;
        var counterId = http.User.FindFirst(AuthClaims.Counter)!.Value;
        var day = ServiceDay.Of(time.GetUtcNow());
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ApiProblems.Invalid("date must be YYYY-MM-DD.");
        }
        var pnrs = await grains.GetGrain<IClerkDayGrain>(IClerkDayGrain.KeyFor(clerk, day)).ListAsync();
        var bookings = await Task.WhenAll(pnrs.Select(p => grains.GetGrain<IBookingGrain>(p).GetAsync()));
        var sold = bookings.OfType<BookingView>()
            .Where(b => b.OwnerId == clerk && b.Payment.Provider == PaymentProviders.Cash && ServiceDay.Of(b.CreatedAt) == day)
            .ToList();
        // Cash in the drawer: fares taken for the day's sales minus what was handed back when any of them was cancelled.
        var cash = sold.Sum(b => b.Total - (b.Refund?.Amount ?? 0m));
        var sales = sold.Where(b => b.Status == BookingStatus.Confirmed).OrderBy(b => b.CreatedAt)
            .Select(b => new CounterSaleLineDto(b.Pnr, b.Journey.TripId, b.Seats, b.Total, b.CreatedAt))
            .ToList();
        return TypedResults.Ok(new CounterSummaryDto(clerk, counterId, day, sales.Count, sales.Sum(s => s.Seats.Count), cash, sales));
    }
}
