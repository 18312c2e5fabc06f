using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Problems;

/// <summary>The one place where trip error codes become HTTP problems (status, stable <c>code</c>, conflicts).</summary>
public static class TripProblems
{
    public static int StatusFor(TripErrorCode code) => code switch
    {
        TripErrorCode.TripNotFound or TripErrorCode.HoldNotFound or TripErrorCode.SaleNotFound => StatusCodes.Status404NotFound,
        TripErrorCode.NotHoldOwner => StatusCodes.Status403Forbidden,
        TripErrorCode.SeatsUnavailable or TripErrorCode.HoldLimitReached or TripErrorCode.HoldExpired
            or TripErrorCode.SalesClosed or TripErrorCode.TripCancelled or TripErrorCode.AlreadyExtended => StatusCodes.Status409Conflict,
        TripErrorCode.TripDeparted or TripErrorCode.CoachIncompatible => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Kebab-case code, e.g. <c>seats-unavailable</c>.</summary>
    public static string CodeFor(TripErrorCode code) => CodeFor(code.ToString());

    /// <summary>Kebab-case of a PascalCase name.</summary>
    public static string CodeFor(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static ProblemHttpResult ToProblem(this TripFailure failure)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = CodeFor(failure.Code) };
        if (failure.Conflicts.Count > 0)
        {
            extensions["conflicts"] = failure.Conflicts;
        }
        var status = StatusFor(failure.Code);
        return TypedResults.Problem(
            title: Titles.GetValueOrDefault(failure.Code, "The request cannot be carried out"),
            detail: failure.Detail,
            statusCode: status,
            type: $"https://diuparibahan.example/problems/{CodeFor(failure.Code)}",
            extensions: extensions);
    }

    /// <summary>A problem for request validation that never reached a grain.</summary>
    public static ProblemHttpResult Invalid(string detail, string code = "invalid-request") =>
        TypedResults.Problem(title: "The request is not valid", detail: detail, statusCode: StatusCodes.Status400BadRequest,
            type: $"https://diuparibahan.example/problems/{code}", extensions: new Dictionary<string, object?> { ["code"] = code });

    public static int StatusFor(BookingErrorCode code) => code switch
    {
        BookingErrorCode.BookingNotFound or BookingErrorCode.HoldNotFound => StatusCodes.Status404NotFound,
        BookingErrorCode.NotHoldOwner => StatusCodes.Status403Forbidden,
        BookingErrorCode.HoldExpired or BookingErrorCode.NotCancellable or BookingErrorCode.PnrTaken
            or BookingErrorCode.PaymentNotStarted => StatusCodes.Status409Conflict,
        BookingErrorCode.NotChangeable or BookingErrorCode.ChangeCutoffPassed or BookingErrorCode.ChangeInProgress
            or BookingErrorCode.LastPassenger or BookingErrorCode.NoChangePending => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Booking failures, coded like trip failures (e.g. <c>passenger-count-mismatch</c>).</summary>
    public static ProblemHttpResult ToProblem(this BookingFailure failure)
    {
        var code = Kebab(failure.Code.ToString());
        return TypedResults.Problem(
            title: BookingTitles.GetValueOrDefault(failure.Code, "The request cannot be carried out"),
            detail: failure.Detail,
            statusCode: StatusFor(failure.Code),
            type: $"https://diuparibahan.example/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    /// <summary>The answer for a PNR that does not exist or is not the caller's: the same, so PNRs cannot be probed.</summary>
    public static ProblemHttpResult BookingNotFound() =>
        new BookingFailure(BookingErrorCode.BookingNotFound, "There is no such booking, or it is not yours.").ToProblem();

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static readonly Dictionary<BookingErrorCode, string> BookingTitles = new()
    {
        [BookingErrorCode.BookingNotFound] = "Booking not found",
        [BookingErrorCode.HoldNotFound] = "Hold not found",
        [BookingErrorCode.NotHoldOwner] = "Not your hold",
        [BookingErrorCode.HoldExpired] = "Hold expired",
        [BookingErrorCode.PassengerCountMismatch] = "One passenger per seat",
        [BookingErrorCode.InvalidPassenger] = "Passenger details are not valid",
        [BookingErrorCode.InvalidContact] = "Contact details are not valid",
        [BookingErrorCode.NotCancellable] = "Booking cannot be cancelled",
        [BookingErrorCode.PnrTaken] = "Booking reference in use",
        [BookingErrorCode.PaymentNotStarted] = "Payment not started",
        [BookingErrorCode.NotChangeable] = "Booking cannot be changed",
        [BookingErrorCode.ChangeCutoffPassed] = "Too late to change",
        [BookingErrorCode.OtherRoute] = "Not the same route",
        [BookingErrorCode.ChangeInProgress] = "Another change is waiting for payment",
        [BookingErrorCode.NoSuchPassenger] = "No such passenger",
        [BookingErrorCode.LastPassenger] = "Only passenger of the booking",
        [BookingErrorCode.NoChangePending] = "No change waiting for payment",
    };

    private static readonly Dictionary<TripErrorCode, string> Titles = new()
    {
        [TripErrorCode.TripNotFound] = "Trip not found",
        [TripErrorCode.UnknownStop] = "Unknown stop",
        [TripErrorCode.InvalidLeg] = "Invalid journey",
        [TripErrorCode.UnknownSeat] = "Unknown seat",
        [TripErrorCode.NoSeats] = "No seats chosen",
        [TripErrorCode.TooManySeats] = "Too many seats",
        [TripErrorCode.DuplicateSeat] = "Seat listed twice",
        [TripErrorCode.SeatsUnavailable] = "Seats no longer available",
        [TripErrorCode.HoldLimitReached] = "Hold limit reached",
        [TripErrorCode.HoldNotFound] = "Hold not found",
        [TripErrorCode.NotHoldOwner] = "Not your hold",
        [TripErrorCode.HoldExpired] = "Hold expired",
        [TripErrorCode.SalesClosed] = "Sales closed",
        [TripErrorCode.TripCancelled] = "Trip cancelled",
        [TripErrorCode.AlreadyExtended] = "Hold already extended",
        [TripErrorCode.TripDeparted] = "Trip already departed",
        [TripErrorCode.CoachIncompatible] = "Coach not compatible with the trip",
    };
}

/// <summary>The same mapping for refused network changes (ops).</summary>
public static class CatalogProblems
{
    public static ProblemHttpResult ToProblem(this DiuParibahan.Grains.Catalog.CatalogFailure failure)
    {
        var code = TripProblems.CodeFor(failure.Code.ToString());
        var status = failure.Code switch
        {
            DiuParibahan.Grains.Catalog.CatalogErrorCode.NotFound => StatusCodes.Status404NotFound,
            DiuParibahan.Grains.Catalog.CatalogErrorCode.StopInUse or DiuParibahan.Grains.Catalog.CatalogErrorCode.LayoutInUse
                or DiuParibahan.Grains.Catalog.CatalogErrorCode.ScheduleOverlap
                or DiuParibahan.Grains.Catalog.CatalogErrorCode.CoachBusy => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (failure.Field is not null)
        {
            extensions["field"] = failure.Field;
        }
        if (failure.OtherTripId is not null)
        {
            extensions["otherTrip"] = failure.OtherTripId;
        }
        return TypedResults.Problem(title: "The change was not made", detail: failure.Detail, statusCode: status,
            type: $"https://diuparibahan.example/problems/{code}", extensions: extensions);
    }
}

/// <summary>The same mapping for ops' "retry now" on a notification that cannot be retried.</summary>
public static class OutboxProblems
{
    public static ProblemHttpResult ToProblem(this DiuParibahan.Hosting.Notifications.OutboxRetryResult result)
    {
        var (status, code, detail) = result switch
        {
            DiuParibahan.Hosting.Notifications.OutboxRetryResult.NotFound =>
                (StatusCodes.Status404NotFound, "outbox-message-not-found", "There is no notification with this id."),
            _ => (StatusCodes.Status409Conflict, "outbox-message-not-retryable",
                "Only failed (retrying) or dead notifications can be retried; this one is pending, sent or recorded."),
        };
        return TypedResults.Problem(title: "The notification was not retried", detail: detail, statusCode: status,
            type: $"https://diuparibahan.example/problems/{code}", extensions: new Dictionary<string, object?> { ["code"] = code });
    }
}
