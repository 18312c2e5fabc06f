using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Queue;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// What makes a sale window acceptable: opening in the future, at least one known route and one travel day (not
/// before the opening day), a positive admission rate, an admission validity long enough to pick seats and short
/// enough not to hoard, a counter cap (if any) no larger than a coach could use, and no route and day pair already
/// covered by another announced window. Plain C#, time passed in.
/// </summary>
public static class SaleWindowRules
{
    public const int MaxRoutes = 50;
    public const int MaxTravelDates = 31;
    public const int MaxAdmissionPerMinute = 100_000;
    public const int MaxDaysAhead = 400;

    /// <summary>Above any coach's seat count, so a larger cap could only be a typo.</summary>
    public const int MaxCounterSeatsPerTrip = 200;
    public static readonly TimeSpan MinValidity = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxValidity = TimeSpan.FromHours(2);

    /// <summary>
    /// Null if <paramref name="input"/> may become a window next to <paramref name="others"/> (the window being changed
    /// left out), else the refusal.
    /// </summary>
    public static SaleWindowFailure? Check(SaleWindowInput input, IReadOnlyCollection<string> knownRouteIds,
        IEnumerable<SaleWindow> others, DateTimeOffset now)
    {
        if (Invalid(input, knownRouteIds, now) is { } detail)
        {
            return new SaleWindowFailure(SaleWindowErrorCode.InvalidSaleWindow, detail);
        }
        foreach (var other in others.Where(o => o.Gates))
        {
            var route = input.RouteIds.FirstOrDefault(r => other.RouteIds.Contains(r, StringComparer.Ordinal));
            var day = input.TravelDates.Where(other.TravelDates.Contains).Select(d => (DateOnly?)d).FirstOrDefault();
            if (route is not null && day is { } shared)
            {
                return new SaleWindowFailure(SaleWindowErrorCode.SaleWindowOverlap,
                    $"Window {other.Id} already covers route {route} on {ServiceDay.Key(shared)}.");
            }
        }
        return null;
    }

    private static string? Invalid(SaleWindowInput input, IReadOnlyCollection<string> knownRouteIds, DateTimeOffset now)
    {
        if (input.OpensAt <= now)
        {
            return "opensAt must be in the future.";
        }
        if (input.OpensAt > now.AddDays(MaxDaysAhead))
        {
            return $"opensAt must be within {MaxDaysAhead} days.";
        }
        if (input.RouteIds is not { Count: > 0 and <= MaxRoutes })
        {
            return $"routeIds must name 1–{MaxRoutes} routes.";
        }
        if (input.RouteIds.Distinct(StringComparer.Ordinal).Count() != input.RouteIds.Count)
        {
            return "routeIds lists a route twice.";
        }
        if (input.RouteIds.FirstOrDefault(r => !knownRouteIds.Contains(r)) is { } unknown)
        {
            return $"routeIds: {unknown} is not a route of the network.";
        }
        if (input.TravelDates is not { Count: > 0 and <= MaxTravelDates })
        {
            return $"travelDates must name 1–{MaxTravelDates} days.";
        }
        if (input.TravelDates.Distinct().Count() != input.TravelDates.Count)
        {
            return "travelDates lists a day twice.";
        }
        var openingDay = ServiceDay.Of(input.OpensAt);
        if (input.TravelDates.Any(d => d < openingDay || d.DayNumber - openingDay.DayNumber > MaxDaysAhead))
        {
            return "travelDates must be on or after the opening day (Dhaka time), within 400 days of it.";
        }
        if (input.AdmissionPerMinute is <= 0 or > MaxAdmissionPerMinute)
        {
            return $"admissionPerMinute must be 1–{MaxAdmissionPerMinute}.";
        }
        if (input.AdmissionValidity < MinValidity || input.AdmissionValidity > MaxValidity)
        {
            return "admissionValidity must be between 00:01:00 and 02:00:00.";
        }
        // Zero is a choice: every seat of the sale goes through the queue.
        if (input.CounterSeatsPerTrip is < 0 or > MaxCounterSeatsPerTrip)
        {
            return $"counterSeatsPerTrip must be 0–{MaxCounterSeatsPerTrip}, or null for no cap.";
        }
        return null;
    }
}
