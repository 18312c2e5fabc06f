using DiuParibahan.Grains.Queue;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// Ops announce, list, change (before opening) and close sale windows. Every write is audited:
/// <c>sale-window.created</c>, <c>sale-window.changed</c> and <c>sale-window.closed</c> on target <c>sale-window:{id}</c>.
/// </summary>
public static class SaleWindowEndpoints
{
    public static IEndpointRouteBuilder MapSaleWindowEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/sale-windows").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops);
        admin.MapGet("/", List).WithSummary("Sale windows with their queues' live status (ops)");
        admin.MapPost("/", Create).WithSummary("Announce a sale window (ops, audited; idempotent by requestId)");
        admin.MapPut("/{windowId}", Change).WithSummary("Change a sale window before it opens (ops, audited)")
            .Audited("sale-window.changed", "windowId", "sale-window:");
        admin.MapPost("/{windowId}/close", Close).WithSummary("Close a sale window early; every waiter is told (ops, audited)")
            .Audited("sale-window.closed", "windowId", "sale-window:");
        return app;
    }

    private static async Task<Ok<List<SaleWindowDto>>> List(IGrainFactory grains)
    {
        var windows = await grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).ListAsync();
        var statuses = await Task.WhenAll(windows.Select(w => grains.GetGrain<IWaitingRoomGrain>(w.Id).GetStatusAsync()));
        return TypedResults.Ok(windows.Zip(statuses, SaleWindowDto.Of).ToList());
    }

    private static async Task<Results<Created<SaleWindowDto>, ProblemHttpResult>> Create(
        SaleWindowRequest request, HttpContext http, IGrainFactory grains, SaleWindowDirectory directory, AuditRecorder audit)
    {
        if (Input(request) is not { } input)
        {
            return Incomplete();
        }
        var requestId = string.IsNullOrWhiteSpace(request.RequestId) ? Guid.NewGuid().ToString("N") : request.RequestId.Trim();
        if (requestId.Length > 100)
        {
            return ApiProblems.Invalid("requestId must be at most 100 characters.");
        }
        var result = await grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).CreateAsync(input, requestId);
        if (result.Window is not { } window)
        {
            return result.Failure!.ToProblem();
        }
        directory.Invalidate();
        await audit.RecordAsync(http, "sale-window.created", "sale-window:" + window.Id, after: SaleWindowDto.Of(window));
        return TypedResults.Created($"/api/admin/sale-windows/{window.Id}", SaleWindowDto.Of(window));
    }

    private static async Task<Results<Ok<SaleWindowDto>, ProblemHttpResult>> Change(
        string windowId, SaleWindowRequest request, HttpContext http, IGrainFactory grains, SaleWindowDirectory directory)
    {
        if (Input(request) is not { } input)
        {
            return Incomplete();
        }
        var registry = grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key);
        if (!SaleWindowDirectory.IsWellFormed(windowId) || await registry.GetAsync(windowId) is not { } before)
        {
            return QueueProblems.NotFound();
        }
        http.Items[AuditFilter.BeforeKey] = SaleWindowDto.Of(before);
        var result = await registry.ChangeAsync(windowId, input);
        directory.Invalidate();
        return result.Window is { } window ? TypedResults.Ok(SaleWindowDto.Of(window)) : result.Failure!.ToProblem(windowId);
    }

    private static async Task<Results<Ok<SaleWindowDto>, ProblemHttpResult>> Close(
        string windowId, CloseSaleWindowRequest? request, IGrainFactory grains, SaleWindowDirectory directory)
    {
        if (request?.Reason is { Length: > 200 })
        {
            return ApiProblems.Invalid("reason must be at most 200 characters.");
        }
        if (!SaleWindowDirectory.IsWellFormed(windowId))
        {
            return QueueProblems.NotFound();
        }
        var result = await grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).CloseAsync(windowId);
        directory.Invalidate();
        return result.Window is { } window ? TypedResults.Ok(SaleWindowDto.Of(window)) : result.Failure!.ToProblem(windowId);
    }

    private static SaleWindowInput? Input(SaleWindowRequest request) =>
        request is { RouteIds: { } routes, TravelDates: { } days, OpensAt: { } opensAt, AdmissionPerMinute: { } rate, AdmissionValidity: { } validity }
            ? new SaleWindowInput(routes.Select(r => r?.Trim() ?? "").ToList(), days, opensAt, rate, validity, request.CounterSeatsPerTrip)
            : null;

    private static ProblemHttpResult Incomplete() => ApiProblems.Invalid(
        "routeIds, travelDates, opensAt, admissionPerMinute and admissionValidity are required.", "invalid-sale-window");
}
