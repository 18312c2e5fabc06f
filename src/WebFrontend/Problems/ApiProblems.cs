using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Problems;

/// <summary>
/// The one factory of HTTP problems. Every problem has the <see cref="ProblemCatalog"/> entry's status, title and
/// <c>type</c>, a <c>code</c> extension the pages switch on, the caller's detail, and any extra extensions
/// (<c>conflicts</c> for seats, <c>field</c> and <c>otherTrip</c> for network changes).
/// </summary>
public static class ApiProblems
{
    /// <summary>
    /// The problem for <paramref name="code"/>. Pass <paramref name="status"/> only where one endpoint answers a code with
    /// another status than the catalog's, as documented there (the Stripe webhook).
    /// </summary>
    public static ProblemHttpResult Create(string code, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null, int? status = null)
    {
        var kind = ProblemCatalog.Get(code);
        var all = new Dictionary<string, object?> { ["code"] = kind.Code };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            all[key] = value;
        }
        return TypedResults.Problem(title: kind.Title, detail: detail, statusCode: status ?? kind.Status, type: kind.Type, extensions: all);
    }

    /// <summary>Writes the problem for <paramref name="code"/> from middleware, outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext http, string code, string? detail = null) => Create(code, detail).ExecuteAsync(http);

    /// <summary>A problem for request validation that never reached a grain.</summary>
    public static ProblemHttpResult Invalid(string detail, string code = "invalid-request") => Create(code, detail);

    public static ProblemHttpResult ToProblem(this TripFailure failure)
    {
        var extensions = new Dictionary<string, object?>();
        if (failure.Conflicts.Count > 0)
        {
            extensions["conflicts"] = failure.Conflicts;
        }
        if (failure.Quota is { } quota)
        {
            // Per-phone refusals: limit + max (quota-exceeded); until + retryAfter seconds (hold-cooloff, phone-blocked);
            // reason (phone-blocked). retryAfter also becomes the Retry-After header (ApiDefaults).
            extensions["limit"] = quota.Limit;
            extensions["max"] = quota.Max;
            extensions["until"] = quota.Until;
            extensions["retryAfter"] = quota.RetryAfterSeconds;
            extensions["reason"] = quota.Reason;
            foreach (var empty in extensions.Where(e => e.Value is null).Select(e => e.Key).ToList())
            {
                extensions.Remove(empty);
            }
        }
        return Create(ProblemCatalog.CodeFor(failure.Code), failure.Detail, extensions);
    }

    /// <summary>Booking failures, coded like trip failures (e.g. <c>passenger-count-mismatch</c>), with <c>seats</c> where seats are at fault.</summary>
    public static ProblemHttpResult ToProblem(this BookingFailure failure) => Create(ProblemCatalog.CodeFor(failure.Code), failure.Detail,
        failure.Seats is { Count: > 0 } seats ? new Dictionary<string, object?> { ["seats"] = seats } : null);

    /// <summary>Refused network changes (ops), with the offending input in <c>field</c> where there is one.</summary>
    public static ProblemHttpResult ToProblem(this CatalogFailure failure)
    {
        var extensions = new Dictionary<string, object?>();
        if (failure.Field is not null)
        {
            extensions["field"] = failure.Field;
        }
        if (failure.OtherTripId is not null)
        {
            // coach-busy: the trip the coach is already on, so ops can open it.
            extensions["otherTrip"] = failure.OtherTripId;
        }
        return Create(ProblemCatalog.CodeFor(failure.Code), failure.Detail, extensions);
    }

    /// <summary>Ops' "retry now" on a notification that cannot be retried.</summary>
    public static ProblemHttpResult ToProblem(this OutboxRetryResult result) => result switch
    {
        OutboxRetryResult.NotFound => Create("outbox-message-not-found", "There is no notification with this id."),
        _ => Create("outbox-message-not-retryable",
            "Only failed (retrying) or dead notifications can be retried; this one is pending, sent or recorded."),
    };

    /// <summary>The answer for a PNR that does not exist or is not the caller's: the same, so PNRs cannot be probed.</summary>
    public static ProblemHttpResult BookingNotFound() =>
        new BookingFailure(BookingErrorCode.BookingNotFound, "There is no such booking, or it is not yours.").ToProblem();
}
