using System.Text.Json;
using DiuParibahan.Grains.Trips;
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
        var (status, title, code) = exception switch
        {
            // A grain that cannot load its state (database down) fails with the driver's exception, which the silo cannot
            // send to a client (CodecNotFoundException) or, co-hosted, arrives as a DbException: unavailable, not a bug.
            TripUnavailableException or OrleansException or TimeoutException
                or Orleans.Serialization.CodecNotFoundException or System.Data.Common.DbException =>
                (StatusCodes.Status503ServiceUnavailable, "The trip is briefly unavailable; nothing was changed. Please retry.", "unavailable"),
            // bKash gave no definite answer: nothing we did is lost (the booking keeps its place; a retry resumes).
            Payments.Bkash.BkashUnavailableException =>
                (StatusCodes.Status503ServiceUnavailable, "bKash is briefly unavailable; please retry in a moment.", "payment-provider-unavailable"),
            BadHttpRequestException { InnerException: JsonException } or BadHttpRequestException =>
                (StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.", "malformed-request"),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side.", "internal-error"),
        };
        if (status >= 500)
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
            ProblemDetails = { Status = status, Title = title, Extensions = { ["code"] = code } },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
