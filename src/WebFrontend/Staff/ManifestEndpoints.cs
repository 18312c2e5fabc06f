using System.Security.Claims;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Analytics;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>Staff at the coach: the passenger manifest (JSON or CSV) and boarding by ticket QR or PNR.</summary>
public static class ManifestEndpoints
{
    public static IEndpointRouteBuilder MapManifestEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff/trips/{tripId}").WithTags("Staff").RequireAuthorization(AuthPolicies.Boarding);
        staff.MapGet("/manifest", GetManifest).WithSummary("Passengers by boarding stop and seat, with paid and boarded state (?format=csv)");
        staff.MapPost("/boardings", Board).WithSummary("Check a ticket (QR payload or PNR) at the door and mark its passengers boarded");
        return app;
    }

    private static async Task<Results<Ok<ManifestDto>, FileContentHttpResult, ProblemHttpResult>> GetManifest(
        string tripId, string? format, ManifestService manifests, HttpContext http)
    {
        if (await manifests.GetAsync(tripId, http.RequestAborted) is not { } manifest)
        {
            return TripFailure.Of(TripErrorCode.TripNotFound, $"There is no trip {tripId}.").ToProblem();
        }
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(manifest);
        }
        return TypedResults.File(Csv.ToUtf8(manifest.Passengers), "text/csv; charset=utf-8", $"manifest-{tripId}.csv");
    }

    private static Task<Results<Ok<BoardingDto>, ProblemHttpResult>> Board(
        string tripId, BoardRequest request, ClaimsPrincipal user, ManifestService manifests) =>
        manifests.BoardAsync(tripId, request, user.FindFirst(AuthClaims.Name)?.Value ?? user.FindFirst(AuthClaims.Subject)?.Value ?? "staff");
}
