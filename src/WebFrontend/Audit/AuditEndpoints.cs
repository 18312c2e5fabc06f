using System.Globalization;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Audit;

/// <summary>Ops read the audit log: who did what to which trip, booking, route or staff account, and why.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops)
            .MapGet("/audit", GetAudit)
            .WithSummary("Staff writes, newest first: from/to (yyyy-MM-dd Dhaka days or times with offset), actor login, target, page, pageSize");
        return app;
    }

    private static async Task<Results<Ok<AuditPageDto>, ProblemHttpResult>> GetAudit(
        string? from, string? to, string? actor, string? target, int? page, int? pageSize, IAuditLog log, HttpContext http)
    {
        if (!TryParseBound(from, endOfDay: false, out var start) || !TryParseBound(to, endOfDay: true, out var end))
        {
            return ApiProblems.Invalid("from and to must be days (yyyy-MM-dd, Bangladesh time) or times with an offset.");
        }
        if (page is < 1 || pageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            return ApiProblems.Invalid($"page starts at 1; pageSize is 1–{AuditQuery.MaxPageSize}.");
        }
        var result = await log.QueryAsync(new AuditQuery(start, end, actor, target, page ?? 1, pageSize ?? 50), http.RequestAborted);
        return TypedResults.Ok(new AuditPageDto(result.Items.Select(AuditEntryDto.Of).ToList(), result.Page, result.PageSize, result.HasMore));
    }

    // A day means the whole Dhaka day: "to=2026-12-07" includes that day.
    private static bool TryParseBound(string? text, bool endOfDay, out DateTimeOffset? bound)
    {
        bound = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), DhakaTime.Offset);
            bound = endOfDay ? local.AddDays(1) : local;
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            bound = at;
            return true;
        }
        return false;
    }
}
