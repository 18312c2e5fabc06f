using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;

namespace DiuParibahan.WebFrontend.Admin;

public sealed record SiloStatusDto(string Address, string Name, string Status, int Gateway, DateTime StartedUtc,
    DateTime IAmAliveUtc, int Activations, int TripActivations);

public sealed record ClusterStatusDto(IReadOnlyList<SiloStatusDto> Silos);

public sealed record GrainLocationDto(string GrainId, string? Silo);

public sealed record FrontendStatusDto(string Machine, IReadOnlyCollection<string> WatchedTrips);

/// <summary>
/// Operator endpoints for the cluster script and dashboards: silos from the membership table with their status and
/// activation counts per silo, and eviction of the cached listings after a schedule change. They need the shared secret
/// <c>Admin:Key</c> in the <c>X-Admin-Key</c> header and are not mapped at all when that key is unset. The writes (trip
/// deactivation, cache eviction) are audited with the actor <see cref="KeyActor"/>, as no staff account stands behind the key.
/// </summary>
public static class ClusterAdmin
{
    public const string HeaderName = "X-Admin-Key";

    /// <summary>The actor id, login and role the audit log records for a caller holding the operator key.</summary>
    public const string KeyActor = "admin-key";

    public static WebApplication MapClusterAdmin(this WebApplication app)
    {
        var key = app.Configuration["Admin:Key"];
        if (string.IsNullOrWhiteSpace(key))
        {
            return app;
        }
        var admin = app.MapGroup("/api/admin").WithTags("Operations").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!KeyMatches(http.Request.Headers[HeaderName].ToString(), key))
            {
                return ApiProblems.Create("admin-key-required", "A valid X-Admin-Key header is required.");
            }
            // The key is this request's identity: the audit filter (which runs inside this one) names it as the actor.
            // Authorization has already run, so the principal grants nothing.
            http.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(AuthClaims.Subject, KeyActor), new Claim(AuthClaims.Role, KeyActor)], "AdminKey", AuthClaims.Subject, AuthClaims.Role));
            return await next(context);
        });
        admin.MapGet("/cluster", GetClusterStatus).WithSummary("Silos in the membership table with activation counts");
        admin.MapGet("/trips/{tripId}/silo", GetTripLocation).WithSummary("The silo where a trip grain is active now, if anywhere");
        admin.MapPost("/trips/{tripId}/deactivate", DeactivateTrip)
            .WithSummary("Deactivate a trip grain; its next call reloads it from storage (e.g. to move it to a new silo)")
            .Audited("trip.deactivated", "tripId");
        admin.MapGet("/frontend", GetFrontendStatus).WithSummary("This frontend's trip watches (not the cluster's)");
        admin.MapPost("/cache/listings/evict", EvictListings).WithSummary("Drop cached stops and trip searches on every frontend");
        return app;
    }

    internal static async Task<Ok<ClusterStatusDto>> GetClusterStatus(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var silos = hosts
            .OrderBy(h => h.StartTime)
            .Select(h =>
            {
                var mine = statistics.Where(s => s.SiloAddress.Equals(h.SiloAddress)).ToList();
                return new SiloStatusDto(h.SiloAddress.ToParsableString(), h.SiloName, h.Status.ToString(), h.ProxyPort,
                    h.StartTime, h.IAmAliveTime, mine.Sum(s => s.ActivationCount),
                    mine.Where(s => s.GrainType.Contains(TripGrainType.ClassName, StringComparison.Ordinal)).Sum(s => s.ActivationCount));
            })
            .ToList();
        return TypedResults.Ok(new ClusterStatusDto(silos));
    }

    private static async Task<Ok<GrainLocationDto>> GetTripLocation(string tripId, IGrainFactory grains)
    {
        var trip = grains.GetGrain<ITripGrain>(tripId);
        var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(trip);
        return TypedResults.Ok(new GrainLocationDto(trip.GetGrainId().ToString(), silo?.ToParsableString()));
    }

    private static async Task<NoContent> DeactivateTrip(string tripId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IManagementGrain>(0).DeactivateGrain(grains.GetGrain<ITripGrain>(tripId).GetGrainId(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Ok<FrontendStatusDto> GetFrontendStatus(TripWatchService watches) =>
        TypedResults.Ok(new FrontendStatusDto(Environment.MachineName, watches.WatchedTrips));

    private static async Task<NoContent> EvictListings(
        IOutputCacheStore store, AuditRecorder audit, HttpContext http, CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(ListingCache.Tag, cancellationToken);
        await audit.RecordAsync(http, "cache.listings-evicted", "cache:listings");
        return TypedResults.NoContent();
    }

    private static bool KeyMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
