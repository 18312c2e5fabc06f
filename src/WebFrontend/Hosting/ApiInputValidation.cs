using System.Globalization;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Holds;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// The one place where every <c>/api</c> request's ids, query values and dates are checked before a handler (and so any
/// grain) sees them, whatever feature the endpoint belongs to:
/// <list type="bullet">
/// <item>route values <c>tripId</c>, <c>holdId</c> and <c>pnr</c> by shape; outside <c>/api/admin</c> trip ids (also the
/// trip inside a hold id) must be on their day's departure board (<see cref="TripDirectory"/>), so invented ids never
/// activate a grain; a miss is the feature's own not-found problem;</item>
/// <item>every other route value and every query value: at most <see cref="MaxValueLength"/> characters, no control
/// characters, not blank;</item>
/// <item>every query value that is a day (<c>yyyy-MM-dd</c>) must be within <see cref="TripDirectory.WindowDays"/> days of
/// today (<c>date-out-of-range</c>).</item>
/// </list>
/// Handlers keep only the checks that need their own context (a stop of the network, a seat of the layout).
/// </summary>
public static partial class ApiInputValidation
{
    public const int MaxValueLength = 200;
    public const int MaxRouteValueLength = 64;

    public static WebApplication UseApiInputValidation(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api") && await CheckAsync(http) is { } problem)
            {
                await problem.ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    private static async ValueTask<ProblemHttpResult?> CheckAsync(HttpContext http)
    {
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        if (CheckQuery(http.Request.Query, ServiceDay.Of(time.GetUtcNow())) is { } invalidQuery)
        {
            return invalidQuery;
        }
        var directory = http.RequestServices.GetRequiredService<TripDirectory>();
        // Ops may address trips that are on no board (made by hand, or long gone); they are trusted with a grain activation.
        var checkBoards = !http.Request.Path.StartsWithSegments("/api/admin");
        foreach (var (name, raw) in http.Request.RouteValues)
        {
            if (raw is not string value)
            {
                continue;
            }
            var problem = name switch
            {
                "tripId" => await CheckTripAsync(value, directory, checkBoards),
                "holdId" => await CheckHoldAsync(value, directory, checkBoards),
                "pnr" => PnrFormat.IsWellFormed(value) ? null : ApiProblems.BookingNotFound(),
                _ => CheckText(name, value, MaxRouteValueLength),
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static async ValueTask<ProblemHttpResult?> CheckTripAsync(string tripId, TripDirectory directory, bool checkBoards) =>
        TripDirectory.IsWellFormed(tripId) && (!checkBoards || await directory.ExistsAsync(tripId))
            ? null
            : ApiProblems.Create("trip-not-found", "There is no such trip.");

    private static async ValueTask<ProblemHttpResult?> CheckHoldAsync(string holdId, TripDirectory directory, bool checkBoards) =>
        HoldReference.TryParse(holdId, out var tripId, out _) && TripDirectory.IsWellFormed(tripId)
        && (!checkBoards || await directory.ExistsAsync(tripId))
            ? null
            : ApiProblems.Create("hold-not-found", "There is no such hold, or it has expired.");

    private static ProblemHttpResult? CheckQuery(IQueryCollection query, DateOnly today)
    {
        foreach (var (name, values) in query)
        {
            if (CheckText("query parameter", name, MaxRouteValueLength) is { } badName)
            {
                return badName;
            }
            foreach (var value in values)
            {
                if (value is null || value.Length == 0)
                {
                    continue;
                }
                if (CheckText(name, value, MaxValueLength) is { } badValue)
                {
                    return badValue;
                }
                if (DayShape().IsMatch(value) && CheckDay(name, value, today) is { } badDay)
                {
                    return badDay;
                }
            }
        }
        return null;
    }

    private static ProblemHttpResult? CheckDay(string name, string value, DateOnly today)
    {
        // A day that is not in the calendar (2026-02-30) is left to the endpoint, which names it in its own terms.
        return !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? null
            : Math.Abs(day.DayNumber - today.DayNumber) > TripDirectory.WindowDays
            ? ApiProblems.Create("date-out-of-range", $"'{name}' must be within {TripDirectory.WindowDays} days of today.")
            : null;
    }

    /// <summary>Blank, over-long or control-character text: a 400 naming the input.</summary>
    private static ProblemHttpResult? CheckText(string name, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            return ApiProblems.Invalid($"'{Printable(name)}' is longer than {maxLength} characters.");
        }
        if (value.Any(char.IsControl) || value.Any(char.IsSurrogate) && !IsWellFormedUtf16(value))
        {
            return ApiProblems.Invalid($"'{Printable(name)}' contains control characters.");
        }
        return string.IsNullOrWhiteSpace(value) ? ApiProblems.Invalid($"'{Printable(name)}' is blank.") : null;
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static string Printable(string name) => name.Length > 40 || name.Any(char.IsControl) ? "a parameter" : name;

    [GeneratedRegex("^[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DayShape();
}
