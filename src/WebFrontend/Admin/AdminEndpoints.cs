using System.Globalization;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Route = DiuParibahan.Grains.Catalog.Route;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Ops: the network (stops, layouts, coaches, routes, schedules) and seat blocks on live trips.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops);
        admin.MapGet("/network", GetNetwork).WithSummary("The whole network as ops configured it");
        admin.MapPut("/stops/{stopId}", PutStop).WithSummary("Create or change a stop").Audited("network.stop-saved", "stopId", "stop:");
        admin.MapDelete("/stops/{stopId}", DeleteStop).WithSummary("Delete a stop no route uses").Audited("network.stop-deleted", "stopId", "stop:");
        admin.MapPut("/layouts/{code}", PutLayout).WithSummary("Create or change a seat layout").Audited("network.layout-saved", "code", "layout:");
        admin.MapPut("/coaches/{coachId}", PutCoach).WithSummary("Create or change a coach").Audited("network.coach-saved", "coachId", "coach:");
        admin.MapPut("/routes/{routeId}", PutRoute).WithSummary("Create or change a route: ordered stops, minute offsets, per-leg fares per class")
            .Audited("network.route-saved", "routeId", "route:");
        admin.MapPut("/schedules/{scheduleId}", PutSchedule).WithSummary("Create or change a daily schedule; creates its trips ahead")
            .Audited("schedule.saved", "scheduleId", "schedule:");
        admin.MapDelete("/schedules/{scheduleId}", DeleteSchedule).WithSummary("Stop a schedule creating new trips")
            .Audited("schedule.deleted", "scheduleId", "schedule:");
        admin.MapPost("/trips/{tripId}/blocks", BlockSeats).WithSummary("Block seats on a leg (staff, VIP, broken seat)")
            .Audited("trip.seats-blocked", "tripId");
        admin.MapPost("/trips/{tripId}/unblocks", UnblockSeats).WithSummary("Remove blocks of seats on exactly that leg")
            .Audited("trip.seats-unblocked", "tripId");
        return app;
    }

    private static ICatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<ICatalogGrain>("network");

    private static async Task<Ok<Network>> GetNetwork(IGrainFactory grains) =>
        TypedResults.Ok(await Catalog(grains).GetNetworkAsync());

    private static async Task<Results<NoContent, ProblemHttpResult>> PutStop(string stopId, StopRequest request, IGrainFactory grains, NetworkCache cache)
    {
        var current = (await cache.GetAsync()).Stops.GetValueOrDefault(stopId);
        var points = request.Points?.Select(p => new StopPoint(p.Id?.Trim() ?? "", p.NameEn?.Trim() ?? "", p.NameBn?.Trim() ?? "",
            p.ReportMinutesBefore, p.Boarding, p.Dropping)).ToList() ?? current?.Points;
        if (points is not null && (points.Any(p => p.Id.Length is 0 or > 60 || p.NameEn.Length == 0 || p.NameBn.Length == 0
            || p.ReportMinutesBefore is < 0 or > 600) || points.DistinctBy(p => p.Id).Count() != points.Count))
        {
            return ApiProblems.Invalid("points need a unique id, English and Bangla names and reportMinutesBefore between 0 and 600.");
        }
        var country = request.Country is null ? current?.Country : request.Country.Trim().ToUpperInvariant() is { Length: > 0 } code ? code : null;
        if (country is not null && (country.Length != 3 || !country.All(char.IsAsciiLetterUpper)))
        {
            return ApiProblems.Invalid("country must be a three-letter ISO code such as IND, or empty for a stop in Bangladesh.");
        }
        return await ApplyAsync(Catalog(grains).UpsertStopAsync(
            new Stop(stopId, request.NameEn!, request.NameBn!, request.City!, request.Kind, points, country)), cache);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteStop(string stopId, IGrainFactory grains, NetworkCache cache) =>
        ApplyAsync(Catalog(grains).DeleteStopAsync(stopId), cache);

    private static Task<Results<NoContent, ProblemHttpResult>> PutLayout(string code, LayoutRequest request, IGrainFactory grains, NetworkCache cache) =>
        ApplyAsync(Catalog(grains).UpsertLayoutAsync(new SeatLayout(code, request.Name!, request.Rows, request.Columns, request.AisleAfterColumn,
            request.DriverSide, request.DoorSide, request.DoorRow,
            (request.Seats ?? []).Select(s => new LayoutSeat(s.Label!, s.Row, s.Column, s.Ladies)).ToList())), cache);

    private static Task<Results<NoContent, ProblemHttpResult>> PutCoach(string coachId, CoachRequest request, IGrainFactory grains, NetworkCache cache) =>
        ApplyAsync(Catalog(grains).UpsertCoachAsync(new Coach(coachId, request.Registration!, request.Class, request.LayoutCode!, request.Make ?? "")), cache);

    private static async Task<Results<NoContent, ProblemHttpResult>> PutRoute(string routeId, RouteRequest request, IGrainFactory grains, NetworkCache cache)
    {
        var crossBorder = request.CrossBorder ?? (await cache.GetAsync()).Network.Routes.FirstOrDefault(r => r.Id == routeId)?.CrossBorder ?? false;
        return await ApplyAsync(Catalog(grains).UpsertRouteAsync(new Route(routeId, request.Code!, request.NameEn!, request.NameBn!,
            (request.Stops ?? []).Select(s => new RouteStop(s.StopId!, s.OffsetMinutes)).ToList(),
            (request.Fares ?? []).Select(f => new ClassFares(f.Class, f.LegFares ?? [])).ToList(), crossBorder)), cache);
    }

    private static async Task<Results<Ok<ScheduleResult>, ProblemHttpResult>> PutSchedule(
        string scheduleId, ScheduleRequest request, IGrainFactory grains, NetworkCache cache)
    {
        if (!TimeOnly.TryParseExact(request.Departure, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var departure))
        {
            return ApiProblems.Invalid("departure must be a time of day in the form HH:mm (Bangladesh time).");
        }
        var result = await Catalog(grains).UpsertScheduleAsync(
            new Schedule(scheduleId, request.RouteId!, request.CoachId!, departure, request.FromDate, request.ToDate));
        if (result.Failure is { } failure)
        {
            return failure.ToProblem();
        }
        cache.Invalidate();
        return TypedResults.Ok(new ScheduleResult(scheduleId, result.TripsCreated));
    }

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteSchedule(string scheduleId, IGrainFactory grains, NetworkCache cache) =>
        ApplyAsync(Catalog(grains).DeleteScheduleAsync(scheduleId), cache);

    private static async Task<Results<NoContent, ProblemHttpResult>> BlockSeats(string tripId, BlockRequest request, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ITripGrain>(tripId)
            .BlockAsync(new BlockSeats(request.Seats ?? [], request.From!, request.To!, request.Reason ?? ""));
        return result.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnblockSeats(string tripId, BlockRequest request, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ITripGrain>(tripId)
            .UnblockAsync(new BlockSeats(request.Seats ?? [], request.From!, request.To!, request.Reason ?? ""));
        return result.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ApplyAsync(Task<CatalogResult> change, NetworkCache cache)
    {
        var result = await change;
        if (result.Failure is { } failure)
        {
            return failure.ToProblem();
        }
        cache.Invalidate();
        return TypedResults.NoContent();
    }
}
