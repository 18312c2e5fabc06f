using System.Text.Json;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Unexpected exceptions become ProblemDetails: a trip that could not save or load (or is moving between silos) is 503 with
/// Retry-After, malformed JSON is 400, anything else a logged 500. Never a silent 404.
/// </summary>
public sealed partial class GrainExceptionHandler(IProblemDetailsService problems, ILogger<GrainExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var code = exception switch
        {
            // A grain that cannot load its state (database down) fails with the driver's exception, which the silo cannot
            // send to a client (CodecNotFoundException) or, co-hosted, arrives as a DbException: unavailable, not a bug.
            TripUnavailableException or OrleansException or TimeoutException
                or Orleans.Serialization.CodecNotFoundException or System.Data.Common.DbException =>
                "unavailable",
            // bKash gave no definite answer: nothing we did is lost (the booking keeps its place; a retry resumes).
            Payments.Bkash.BkashUnavailableException => "payment-provider-unavailable",
            BadHttpRequestException { InnerException: JsonException } or BadHttpRequestException =>
                "malformed-request",
            _ => "internal-error",
        };
        var kind = ProblemCatalog.Get(code);
        var status = kind.Status;
        if (code == "unavailable")
        {
            // Expected whenever the silos or the database are saturated, and then on many requests at once: one line
            // without the stack trace. Rendering an async stack per timed-out request behind the console logger's lock
            // was a visible share of an overloaded frontend's CPU (docs/profiles/eid-mix.md).
            LogUnavailable(logger, http.Request.Method, http.Request.Path, exception.GetType().Name, exception.Message);
        }
        else if (status >= 500)
        {
            LogFailed(logger, exception, http.Request.Method, http.Request.Path);
        }
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "1";
        }
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = kind.Title, Type = kind.Type, Extensions = { ["code"] = code } },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 unavailable: {ExceptionType}: {ExceptionMessage}")]
    private static partial void LogUnavailable(ILogger logger, string method, PathString path, string exceptionType, string exceptionMessage);
}
