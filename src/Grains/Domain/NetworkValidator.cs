using System.Text.RegularExpressions;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// Rules for changes to the network, checked against the network as it stands. Plain C#: the catalog grain calls it
/// before storing anything, so a refused change leaves the network untouched.
/// </summary>
public static partial class NetworkValidator
{
    public const int MaxRows = 20;
    public const int MaxColumns = 6;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[A-Z]{3}(-[A-Z0-9]{2,5}){1,3}$")]
    private static partial Regex RouteCode();

    public static CatalogFailure? CheckStop(Stop stop)
    {
        if (!IsSlug(stop.Id))
        {
            return Invalid(CatalogErrorCode.InvalidStop, "A stop id is lower-case letters, digits and dashes (2–60).", "id");
        }
        if (!HasText(stop.NameEn, 100) || !HasText(stop.NameBn, 100))
        {
            return Invalid(CatalogErrorCode.InvalidStop, "A stop needs an English and a Bangla name (at most 100 characters).", "name");
        }
        return HasText(stop.City, 60) ? null : Invalid(CatalogErrorCode.InvalidStop, "A stop needs a city.", "city");
    }

    /// <summary>
    /// <see cref="CheckStop(Stop)"/>, and the stop's city must be one of the network's cities (by id), so every stop
    /// can be found by a city search; its point ids must be unique across the network (a ticket names its point by id
    /// alone); and a stop abroad may only be on routes marked cross-border.
    /// </summary>
    public static CatalogFailure? CheckStop(Network network, Stop stop)
    {
        if (CheckStop(stop) is { } refusal)
        {
            return refusal;
        }
        if (network.CityList.All(c => c.Id != stop.City))
        {
            return Invalid(CatalogErrorCode.InvalidStop, $"There is no city {stop.City}; name one of the network's cities.", "city");
        }
        var ids = stop.Points?.Select(p => p.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        if (network.Stops.Where(s => s.Id != stop.Id).SelectMany(s => (s.Points ?? []).Select(p => (Stop: s, Point: p)))
                .FirstOrDefault(x => ids.Contains(x.Point.Id)) is { Stop: not null } taken)
        {
            return Invalid(CatalogErrorCode.PointIdTaken,
                $"Point id {taken.Point.Id} is already a point of stop {taken.Stop.Id}; point ids are unique across the network.", "points");
        }
        if (stop.Country is not null && network.Routes.FirstOrDefault(r => !r.CrossBorder && r.Stops.Any(s => s.StopId == stop.Id)) is { } route)
        {
            return Invalid(CatalogErrorCode.CrossBorderRequired,
                $"Route {route.Code} stops at {stop.Id} and is not marked cross-border; mark the route first.", "country");
        }
        return null;
    }

    public static CatalogFailure? CheckStopDeletion(Network network, string stopId) =>
        network.Routes.FirstOrDefault(r => r.Stops.Any(s => s.StopId == stopId)) is { } route
            ? Invalid(CatalogErrorCode.StopInUse, $"Route {route.Code} stops at {stopId}; change the route first.", "id")
            : null;

    public static CatalogFailure? CheckLayout(SeatLayout layout)
    {
        if (!HasText(layout.Code, 40) || !HasText(layout.Name, 100))
        {
            return Invalid(CatalogErrorCode.InvalidLayout, "A layout needs a code and a name.", "code");
        }
        if (layout.Rows is < 1 or > MaxRows || layout.Columns is < 1 or > MaxColumns)
        {
            return Invalid(CatalogErrorCode.InvalidLayout, $"A layout has 1–{MaxRows} rows and 1–{MaxColumns} seat columns.", "rows");
        }
        if (layout.AisleAfterColumn < 0 || layout.AisleAfterColumn >= layout.Columns - 1 && layout.Columns > 1)
        {
            return Invalid(CatalogErrorCode.InvalidLayout, "The aisle must lie between two seat columns.", "aisleAfterColumn");
        }
        if (layout.DoorRow < 0 || layout.DoorRow >= layout.Rows)
        {
            return Invalid(CatalogErrorCode.InvalidLayout, "The door must be at one of the rows.", "doorRow");
        }
        if (layout.Seats is not { Count: > 0 })
        {
            return Invalid(CatalogErrorCode.InvalidLayout, "A layout needs at least one seat.", "seats");
        }
        if (layout.Seats.FirstOrDefault(s => !HasText(s.Label, 6)) is not null)
        {
            return Invalid(CatalogErrorCode.InvalidLayout, "Every seat needs a label of at most 6 characters.", "seats");
        }
        var duplicate = layout.Seats.GroupBy(s => s.Label, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Invalid(CatalogErrorCode.InvalidLayout, $"Seat label {duplicate.Key} is used more than once.", "seats");
        }
        if (layout.Seats.FirstOrDefault(s => s.Row < 0 || s.Row >= layout.Rows || s.Column < 0 || s.Column >= layout.Columns) is { } outside)
        {
            return Invalid(CatalogErrorCode.InvalidLayout, $"Seat {outside.Label} lies outside the {layout.Rows}×{layout.Columns} grid.", "seats");
        }
        var stacked = layout.Seats.GroupBy(s => (s.Row, s.Column)).FirstOrDefault(g => g.Count() > 1);
        return stacked is null
            ? null
            : Invalid(CatalogErrorCode.InvalidLayout, $"Seats {string.Join(" and ", stacked.Select(s => s.Label))} share one position.", "seats");
    }

    public static CatalogFailure? CheckCoach(Network network, Coach coach)
    {
        if (!IsSlug(coach.Id) || !HasText(coach.Registration, 40))
        {
            return Invalid(CatalogErrorCode.InvalidCoach, "A coach needs an id (lower-case, digits, dashes) and a registration number.", "registration");
        }
        if (network.Coaches.FirstOrDefault(c => c.Id != coach.Id && string.Equals(c.Registration, coach.Registration, StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            return Invalid(CatalogErrorCode.InvalidCoach, $"Registration {coach.Registration} already belongs to {other.Id}.", "registration");
        }
        return network.Layouts.Any(l => l.Code == coach.LayoutCode)
            ? null
            : Invalid(CatalogErrorCode.InvalidCoach, $"There is no layout {coach.LayoutCode}.", "layoutCode");
    }

    public static CatalogFailure? CheckRoute(Network network, Route route)
    {
        if (!IsSlug(route.Id) || route.Code is null || !RouteCode().IsMatch(route.Code))
        {
            return Invalid(CatalogErrorCode.InvalidRoute, "A route needs an id and a code like DHK-KOL.", "code");
        }
        if (network.Routes.FirstOrDefault(r => r.Id != route.Id && r.Code == route.Code) is { } clash)
        {
            return Invalid(CatalogErrorCode.InvalidRoute, $"Code {route.Code} is already used by route {clash.Id}.", "code");
        }
        if (!HasText(route.NameEn, 120) || !HasText(route.NameBn, 120))
        {
            return Invalid(CatalogErrorCode.InvalidRoute, "A route needs an English and a Bangla name.", "name");
        }
        if (route.Stops is not { Count: >= 2 })
        {
            return Invalid(CatalogErrorCode.InvalidRoute, "A route needs at least two stops.", "stops");
        }
        if (route.Stops.FirstOrDefault(s => network.Stops.All(k => k.Id != s.StopId)) is { } unknown)
        {
            return Invalid(CatalogErrorCode.InvalidRoute, $"There is no stop {unknown.StopId}.", "stops");
        }
        if (route.Stops.Select(s => s.StopId).Distinct().Count() != route.Stops.Count)
        {
            return Invalid(CatalogErrorCode.InvalidRoute, "A route visits each stop once.", "stops");
        }
        if (!route.CrossBorder && route.Stops.Select(s => network.Stops.First(k => k.Id == s.StopId)).FirstOrDefault(k => k.Country is not null) is { } abroad)
        {
            return Invalid(CatalogErrorCode.CrossBorderRequired,
                $"Stop {abroad.Id} is abroad ({abroad.Country}); a route stopping there must be marked cross-border.", "crossBorder");
        }
        if (route.Stops[0].OffsetMinutes != 0 || route.Stops.Zip(route.Stops.Skip(1)).Any(p => p.Second.OffsetMinutes <= p.First.OffsetMinutes))
        {
            return Invalid(CatalogErrorCode.InvalidRoute, "Stop times start at 0 minutes and increase along the route.", "stops");
        }
        if (route.Fares is not { Count: > 0 } || route.Fares.Select(f => f.Class).Distinct().Count() != route.Fares.Count)
        {
            return Invalid(CatalogErrorCode.InvalidRoute, "A route needs fares for one or more coach classes, once per class.", "fares");
        }
        if (route.Fares.FirstOrDefault(f => f.LegFares is null || f.LegFares.Count != route.Stops.Count - 1 || f.LegFares.Any(x => x <= 0)) is { } bad)
        {
            return Invalid(CatalogErrorCode.InvalidRoute,
                $"{bad.Class} needs a positive fare for each of the {route.Stops.Count - 1} legs.", "fares");
        }
        return null;
    }

    /// <summary>
    /// A schedule is refused if its route or coach is unknown, the route already departs then, or the coach would be on
    /// two trips at once (<see cref="CatalogErrorCode.CoachBusy"/>): trips of one coach need <paramref name="turnaround"/>
    /// between one arrival and the next departure.
    /// </summary>
    public static CatalogFailure? CheckSchedule(Network network, Schedule schedule, TimeSpan turnaround = default)
    {
        if (!IsSlug(schedule.Id) || schedule.FromDate > schedule.ToDate)
        {
            return Invalid(CatalogErrorCode.InvalidSchedule, "A schedule needs an id and a date range that does not end before it starts.", "toDate");
        }
        if (network.Routes.FirstOrDefault(r => r.Id == schedule.RouteId) is not { } route)
        {
            return Invalid(CatalogErrorCode.InvalidSchedule, $"There is no route {schedule.RouteId}.", "routeId");
        }
        if (network.Coaches.FirstOrDefault(c => c.Id == schedule.CoachId) is not { } coach)
        {
            return Invalid(CatalogErrorCode.InvalidSchedule, $"There is no coach {schedule.CoachId}.", "coachId");
        }
        if (route.Fares.All(f => f.Class != coach.Class))
        {
            return Invalid(CatalogErrorCode.InvalidSchedule, $"Route {route.Code} has no {coach.Class} fares for coach {coach.Id}.", "coachId");
        }
        if (network.Schedules.FirstOrDefault(s => s.Id != schedule.Id && s.RouteId == schedule.RouteId
                && s.DepartureLocal == schedule.DepartureLocal && s.FromDate <= schedule.ToDate && schedule.FromDate <= s.ToDate) is { } twin)
        {
            return Invalid(CatalogErrorCode.ScheduleOverlap,
                $"Route {route.Code} already departs at {schedule.DepartureLocal:HH:mm} on those days ({twin.Id}).", "departureLocal");
        }
        var margin = (int)Math.Ceiling(turnaround.TotalMinutes);
        var window = Window(schedule, route, margin);
        foreach (var other in network.Schedules.Where(s => s.Id != schedule.Id && s.CoachId == schedule.CoachId))
        {
            if (other.FromDate > schedule.ToDate.AddDays(2) || schedule.FromDate > other.ToDate.AddDays(2)
                || network.Routes.FirstOrDefault(r => r.Id == other.RouteId) is not { } otherRoute)
            {
                continue;
            }
            if (Overlap(schedule, window, other, Window(other, otherRoute, margin)) is { } day)
            {
                var otherTrip = TripPlanner.TripId(otherRoute.Code, day, other.DepartureLocal);
                return new CatalogFailure(CatalogErrorCode.CoachBusy,
                    $"Coach {coach.Registration} already runs {otherTrip} ({other.Id}, {otherRoute.Code} at {other.DepartureLocal:HH:mm}) at that time, "
                    + $"counting {margin} minutes to turn around.", "coachId", otherTrip);
            }
        }
        return null;
    }

    /// <summary>
    /// Minutes after midnight of the service day that a schedule's trips occupy the coach, the turnaround margin added
    /// to the end: two windows then overlap exactly when the trips are closer than the margin.
    /// </summary>
    private static (int Start, int End) Window(Schedule schedule, Route route, int margin)
    {
        var start = schedule.DepartureLocal.Hour * 60 + schedule.DepartureLocal.Minute;
        return (start, start + route.Stops[^1].OffsetMinutes + margin);
    }

    /// <summary>
    /// Two daily schedules of one coach clash if, on some day both run, their trips overlap in time — including a trip
    /// that crosses midnight into the other's next departure. Returns the service day of <paramref name="b"/>'s
    /// clashing trip, or null.
    /// </summary>
    private static DateOnly? Overlap(Schedule a, (int Start, int End) wa, Schedule b, (int Start, int End) wb)
    {
        const int Day = 24 * 60;
        for (var shift = -2; shift <= 2; shift++)
        {
            // b's trip on day d+shift against a's trip on day d: both must actually run on those days.
            var firstA = Max(a.FromDate, b.FromDate.AddDays(-shift));
            var lastA = Min(a.ToDate, b.ToDate.AddDays(-shift));
            if (firstA > lastA)
            {
                continue;
            }
            var bStart = wb.Start + shift * Day;
            var bEnd = wb.End + shift * Day;
            if (wa.Start < bEnd && bStart < wa.End)
            {
                return firstA.AddDays(shift);
            }
        }
        return null;
    }

    private static DateOnly Max(DateOnly x, DateOnly y) => x > y ? x : y;

    private static DateOnly Min(DateOnly x, DateOnly y) => x < y ? x : y;

    private static bool IsSlug(string? id) => id is { Length: >= 2 and <= 60 } && Slug().IsMatch(id);

    private static bool HasText(string? value, int max) => !string.IsNullOrWhiteSpace(value) && value.Length <= max;

    private static CatalogFailure Invalid(CatalogErrorCode code, string detail, string field) => new(code, detail, field);
}
