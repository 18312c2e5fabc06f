using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>Ops manage staff accounts; each change is audited with who made it.</summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/admin/staff").WithTags("Staff").RequireAuthorization(AuthPolicies.Ops);
        staff.MapGet("", List).WithSummary("Every clerk, supervisor and ops account");
        staff.MapPost("", Create).WithSummary("Create a staff account; without a password a temporary one is returned once");
        staff.MapPatch("/{id}", Update).WithSummary("Change role or counter, disable or enable; disabling ends the account's sessions");
        staff.MapPost("/{id}/reset-password", ResetPassword).WithSummary("A new temporary password (returned once); sessions end");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<StaffDto>>> List(StaffService service, HttpContext http) =>
        TypedResults.Ok(await service.ListAsync(http.RequestAborted));

    private static async Task<Results<Created<StaffCredentialsDto>, ProblemHttpResult>> Create(
        CreateStaffRequest request, StaffService service, AuditRecorder audit, HttpContext http)
    {
        var result = await service.CreateAsync(request, http.RequestAborted);
        if (result.Value is not { } created)
        {
            return result.Failure!.ToProblem();
        }
        var s = created.Staff;
        await audit.RecordAsync(http, "staff.created", "staff:" + s.Id, null, null,
            new { s.Login, s.Name, s.Role, s.CounterId, temporaryPassword = created.TemporaryPassword is not null });
        return TypedResults.Created($"/api/admin/staff/{s.Id}", created);
    }

    private static async Task<Results<Ok<StaffDto>, ProblemHttpResult>> Update(
        string id, UpdateStaffRequest request, StaffService service, AuditRecorder audit, HttpContext http)
    {
        var result = await service.UpdateAsync(id, request, http.RequestAborted);
        if (result.Failure is { } failure)
        {
            return failure.ToProblem();
        }
        var (before, after) = result.Value;
        await audit.RecordAsync(http, after.Disabled && !before.Disabled ? "staff.disabled" : "staff.updated", "staff:" + id, request.Reason,
            Summary(before), Summary(after));
        return TypedResults.Ok(after);
    }

    private static async Task<Results<Ok<StaffCredentialsDto>, ProblemHttpResult>> ResetPassword(
        string id, StaffService service, AuditRecorder audit, HttpContext http)
    {
        var result = await service.ResetPasswordAsync(id, http.RequestAborted);
        if (result.Value is not { } reset)
        {
            return result.Failure!.ToProblem();
        }
        await audit.RecordAsync(http, "staff.password-reset", "staff:" + id, null, null, new { reset.Staff.Login });
        return TypedResults.Ok(reset);
    }

    private static object Summary(StaffDto s) => new { s.Login, s.Role, s.CounterId, s.Disabled };
}
