using System.Globalization;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Holds;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Payments;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Bookings: made from a hold, read, looked up by PNR + phone (a link texted to the phone), cancelled. Access rules in <see cref="BookingAccess"/>:
/// anyone who is neither the owner nor holds the booking token gets 404 <c>booking-not-found</c>.
/// </summary>
public static class BookingEndpoints
{
    // A PNR can collide with another hold's (31^6 values); the next attempt derives another one.
    private const int PnrAttempts = 4;

    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/bookings").WithTags("Bookings");
        api.MapPost("", CreateBooking).WithSummary("Book held seats for passengers and start the payment (idempotent per hold)")
            .RequireRateLimiting(RateLimits.Holds);
        api.MapGet("/mine", MyBookings).WithSummary("The caller's bookings, newest first");
        api.MapPost("/lookup", Lookup)
            .WithSummary("Text a single-use link to the booking if PNR and phone match; the answer is the same either way")
            .RequireRateLimiting(RateLimits.Holds);
        api.MapPost("/links/redeem", RedeemLink).WithSummary("Open a booking with the single-use link texted by lookup (once)")
            .RequireRateLimiting(RateLimits.Holds);
        api.MapGet("/{pnr}", GetBooking).WithSummary("A booking (owner or booking token)");
        api.MapGet("/{pnr}/cancellation", QuoteCancellation).WithSummary("What cancelling now would refund");
        api.MapPost("/{pnr}/cancel", Cancel).WithSummary("Cancel a confirmed booking; seats are freed and the policy refund paid");
        return app;
    }

    private static async Task<Results<Created<BookingDto>, ProblemHttpResult>> CreateBooking(
        CreateBookingRequest request, HttpContext http, IGrainFactory grains, BookingPayments payments, NetworkCache network, TripDirectory trips,
        IOptions<FareOptions> fares)
    {
        if (!HoldReference.TryParse(request.HoldId, out var tripId, out var holdId) || !await trips.ExistsAsync(tripId))
        {
            return new BookingFailure(BookingErrorCode.HoldNotFound, "holdId is missing or not a hold id.").ToProblem();
        }
        if (OwnerResolver.Find(http) is not { } owner)
        {
            return new BookingFailure(BookingErrorCode.NotHoldOwner, "The hold belongs to someone else.").ToProblem();
        }
        var (passengers, passengerFailure) = ReadPassengers(request.Passengers);
        if (passengerFailure is not null)
        {
            return passengerFailure.ToProblem();
        }
        if (PaymentMethod(request.PaymentMethod, payments.Providers) is not { } provider)
        {
            return ApiProblems.Invalid("paymentMethod must be one of: " + string.Join(", ", payments.Providers.Names.Select(MethodName)) + ".",
                "payment-method-unavailable");
        }
        BookingPoints? points = null;
        // No hold, no points to check: the booking grain answers that the hold has gone.
        if (await grains.GetGrain<ITripGrain>(tripId).GetHoldAsync(holdId) is { } hold)
        {
            (points, var pointFailure) = await ResolvePointsAsync(grains, network, tripId, hold.From, hold.To, request.BoardingPoint, request.DroppingPoint);
            if (pointFailure is not null)
            {
                return pointFailure.ToProblem();
            }
        }
        // The booker's verified phone is the contact unless they name another.
        var contactPhone = string.IsNullOrWhiteSpace(request.Contact?.Phone) ? PassengerPhone.Verified(http.User) ?? "" : request.Contact.Phone;
        var command = new CreateBooking(owner, tripId, holdId, passengers!,
            new BookingContact(contactPhone, request.Contact?.Email), provider.Name,
            NotificationLanguage(request.Language, http.Request), points,
            fares.Value.TermsFor(MethodName(provider.Name), online: true));
        var result = await CreateWithFreePnrAsync(grains, command);
        if (result.Booking is { } created)
        {
            result = await payments.StartAsync(created, http.RequestAborted);
        }
        if (result.Booking is not { } booking)
        {
            return result.Failure!.ToProblem();
        }
        var dto = BookingDto.Of(booking, (await network.GetAsync()).Stops, includeToken: true, payments.Provider.PublishableKey);
        return TypedResults.Created($"/api/bookings/{booking.Pnr}", dto);
    }

    private static async Task<Ok<List<BookingDto>>> MyBookings(HttpContext http, IGrainFactory grains, BookingPayments payments, NetworkCache network)
    {
        if (OwnerResolver.Find(http) is not { } owner)
        {
            return TypedResults.Ok(new List<BookingDto>());
        }
        var pnrs = await grains.GetGrain<IOwnerBookingsGrain>(owner).ListAsync();
        var bookings = await Task.WhenAll(pnrs.Select(p => grains.GetGrain<IBookingGrain>(p).GetAsync()));
        var stops = (await network.GetAsync()).Stops;
        return TypedResults.Ok(bookings.OfType<BookingView>().Where(b => b.OwnerId == owner).OrderByDescending(b => b.CreatedAt)
            .Select(b => BookingDto.Of(b, stops, includeToken: true, payments.Provider.PublishableKey)).ToList());
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> GetBooking(
        string pnr, HttpContext http, IGrainFactory grains, BookingPayments payments, NetworkCache network)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        // Reading changes nothing: a refund still owed (a crash or provider outage after the cancellation) is paid by
        // the background RefundSweeper, and the booking shows it as owed until then.
        return TypedResults.Ok(BookingDto.Of(access.Booking, (await network.GetAsync()).Stops, access.IsOwner, payments.Provider.PublishableKey));
    }

    /// <summary>A PNR as people type it ("dp 7k3m9q", "DP7K3M9Q"): upper case, no spaces, the one hyphen after "DP".</summary>
    public static string? TypedPnr(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var compact = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return compact.Length == 8 && compact.StartsWith("DP", StringComparison.Ordinal) ? $"DP-{compact[2..]}" : compact;
    }

    private static async Task<Results<Accepted<LookupAcceptedDto>, ProblemHttpResult>> Lookup(
        LookupRequest request, HttpContext http, BookingLookup lookup, BookingLookupThrottle throttle, IOptions<BookingLookupOptions> options)
    {
        var pnr = TypedPnr(request.Pnr);
        if (!PnrFormat.IsWellFormed(pnr) || !PhoneNumber.TryNormalise(request.Phone, out var phone))
        {
            return ApiProblems.Invalid("pnr must be a booking reference such as DP-7K3M9Q and phone a Bangladeshi mobile number.");
        }
        if (await throttle.TryLookupAsync(phone, pnr!) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ApiProblems.Create("rate-limited", "Too many look-ups for this booking or phone; try again later.");
        }
        var site = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
        await lookup.SendLinkIfMatchAsync(pnr!, phone, NotificationLanguage(request.Language, http.Request), site, http.RequestAborted);
        return TypedResults.Accepted((string?)null, LookupAcceptedDto.Sent);
    }

    private static async Task<Results<Ok<BookingLinkDto>, ProblemHttpResult>> RedeemLink(RedeemLinkRequest request, BookingLookup lookup, HttpContext http)
    {
        if (request.Secret is not { Length: > 0 and <= 100 } secret || await lookup.RedeemAsync(secret, http.RequestAborted) is not { } booking)
        {
            return ApiProblems.Create("booking-link-invalid", "This link is unknown, has been used, or has expired; look the booking up again.");
        }
        return TypedResults.Ok(new BookingLinkDto(booking.Pnr, booking.Token));
    }

    private static async Task<Results<Ok<CancellationQuoteDto>, ProblemHttpResult>> QuoteCancellation(
        string pnr, HttpContext http, IGrainFactory grains)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is null)
        {
            return ApiProblems.BookingNotFound();
        }
        var result = await grains.GetGrain<IBookingGrain>(pnr).QuoteCancellationAsync();
        return result.Quote is { } q ? TypedResults.Ok(new CancellationQuoteDto(q.RefundPercent, q.RefundAmount, q.Reason)) : result.Failure!.ToProblem();
    }

    private static async Task<Results<Ok<BookingDto>, ProblemHttpResult>> Cancel(
        string pnr, HttpContext http, IGrainFactory grains, BookingPayments payments, NetworkCache network, AuditRecorder audit)
    {
        if (await BookingAccess.FindAsync(pnr, http, grains) is not { } access)
        {
            return ApiProblems.BookingNotFound();
        }
        var result = await payments.CancelAsync(pnr, BookingAccess.Actor(http), http.RequestAborted);
        if (result.Booking is not { } booking)
        {
            return result.Failure!.ToProblem();
        }
        if (Roles.IsStaff(http.User))
        {
            // A refund given by staff (also for a counter sale they own) is a staff write; a passenger cancelling is not.
            await audit.RecordAsync(http, "booking.cancelled-by-staff", booking.Pnr, null,
                new { status = access.Booking.Status.ToString(), total = access.Booking.Total },
                new { status = booking.Status.ToString(), refund = booking.Refund?.Amount });
        }
        return TypedResults.Ok(BookingDto.Of(booking, (await network.GetAsync()).Stops, access.IsOwner, payments.Provider.PublishableKey));
    }

    /// <summary>The provider a booking request's <c>paymentMethod</c> names: none or <c>card</c> is the card provider.</summary>
    internal static IPaymentProvider? PaymentMethod(string? method, PaymentProviderSet providers) =>
        string.IsNullOrWhiteSpace(method) || method.Trim().Equals("card", StringComparison.OrdinalIgnoreCase)
            ? providers.Card
            : providers.Find(method.Trim().ToLowerInvariant()) is { } provider && provider != providers.Card ? provider : null;

    /// <summary>The method name passengers use for a provider: wallets by name, the card provider as <c>card</c>.</summary>
    internal static string MethodName(string provider) => provider is "stripe" or "simulated" ? "card" : provider;

    /// <summary>
    /// <c>bn</c> when the request asks for Bangla (its <c>language</c> field, else its Accept-Language header
    /// preferring <c>bn</c> over English), otherwise <c>en</c>.
    /// </summary>
    internal static string NotificationLanguage(string? language, HttpRequest request)
    {
        if (!string.IsNullOrWhiteSpace(language))
        {
            return language.Trim().StartsWith("bn", StringComparison.OrdinalIgnoreCase) ? "bn" : "en";
        }
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("bn", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return preferred?.StartsWith("bn", StringComparison.OrdinalIgnoreCase) == true ? "bn" : "en";
    }

    private static async Task<BookingResult> CreateWithFreePnrAsync(IGrainFactory grains, CreateBooking command)
    {
        var result = BookingResult.Fail(BookingErrorCode.PnrTaken, "No free booking reference was found; try again.");
        for (var attempt = 0; attempt < PnrAttempts && result.Failure?.Code == BookingErrorCode.PnrTaken; attempt++)
        {
            result = await grains.GetGrain<IBookingGrain>(PnrFormat.ForHold(command.HoldId, attempt)).CreateAsync(command);
        }
        return result;
    }

    internal static List<PassengerInput>? ParsePassengers(IReadOnlyList<PassengerRequest?>? passengers) => ReadPassengers(passengers).Passengers;

    /// <summary>
    /// The passengers of a request, or a failure naming the passenger (1-based) whose gender or passport expiry cannot
    /// be read. Names, phones and the passport rules are checked by the booking grain, which knows the route.
    /// </summary>
    internal static (List<PassengerInput>? Passengers, BookingFailure? Failure) ReadPassengers(IReadOnlyList<PassengerRequest?>? passengers)
    {
        if (passengers is null)
        {
            return ([], null);
        }
        var parsed = new List<PassengerInput>(passengers.Count);
        for (var i = 0; i < passengers.Count; i++)
        {
            var p = passengers[i];
            if (p is null || !Enum.TryParse<Gender>(p.Gender, ignoreCase: true, out var gender) || !Enum.IsDefined(gender)
                || p.Gender!.Any(char.IsDigit))
            {
                return (null, new(BookingErrorCode.InvalidPassenger,
                    $"Passenger {i + 1}: a name and gender (male, female or other) are required; the phone is optional."));
            }
            Passport? passport = null;
            if (p.Passport is { } given)
            {
                var expiry = DateOnly.MinValue;
                if (!string.IsNullOrWhiteSpace(given.Expiry)
                    && !DateOnly.TryParseExact(given.Expiry.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expiry))
                {
                    return (null, new(BookingErrorCode.InvalidPassport, $"Passenger {i + 1}: passport.expiry must be a date such as 2028-06-30."));
                }
                // A missing expiry stays MinValue, which the route's passport rule refuses by name.
                passport = new Passport(given.Number ?? "", given.Nationality ?? "", expiry);
            }
            parsed.Add(new PassengerInput(p.Name ?? "", p.Phone ?? "", gender, passport));
        }
        return (parsed, null);
    }

    /// <summary>
    /// The boarding and dropping points for a journey from <paramref name="from"/> to <paramref name="to"/> on the trip,
    /// checked against the catalog; a failure if a named point is not a point of that stop on this trip.
    /// </summary>
    internal static async Task<(BookingPoints? Points, BookingFailure? Failure)> ResolvePointsAsync(
        IGrainFactory grains, NetworkCache network, string tripId, string from, string to, string? boarding, string? dropping)
    {
        if (await grains.GetGrain<ITripGrain>(tripId).GetDefinitionAsync() is not { } trip)
        {
            return (null, null);
        }
        var points = TripPoints.Resolve(trip, (await network.GetAsync()).Stops, from, to, boarding, dropping);
        return points is null
            ? (null, new(BookingErrorCode.PointNotOnTrip,
                $"boardingPoint must be a boarding point at {from} and droppingPoint a dropping point at {to} on trip {tripId}."))
            : (points, null);
    }
}
