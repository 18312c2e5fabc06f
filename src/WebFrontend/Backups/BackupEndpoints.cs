using DiuParibahan.Hosting.Backups;
using DiuParibahan.WebFrontend.Audit;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Backups;

/// <summary>
/// Ops: online backups of the embedded-mode database — take one now, list them. Restoring is a start-up option
/// (<c>Storage:RestoreFrom</c>), never an HTTP call. In cluster mode both answer 409 <c>backups-in-cluster</c>. A backup taken
/// is audited with the ops account that asked for it.
/// </summary>
public static class BackupEndpoints
{
    public static IEndpointRouteBuilder MapBackupEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/backups").WithTags("Admin").RequireAuthorization(AuthPolicies.Ops);
        admin.MapPost("", TakeBackup).WithSummary("Take an online backup of the embedded database now (sales continue)");
        admin.MapGet("", ListBackups).WithSummary("Backup files, newest first, with the folder, schedule and retention");
        return app;
    }

    private static async Task<Results<Created<BackupDto>, ProblemHttpResult>> TakeBackup(
        IServiceProvider services, AuditRecorder audit, HttpContext http, CancellationToken ct)
    {
        if (services.GetService<EmbeddedBackups>() is not { } backups)
        {
            return BackupProblems.ClusterMode();
        }
        var outcome = await backups.TakeAsync(ct);
        if (outcome.Backup is not { } backup)
        {
            return outcome.Failure!.ToProblem();
        }
        await audit.RecordAsync(http, "backup.taken", "backup:" + backup.Name, after: new { backup.Name, backup.SizeBytes });
        return TypedResults.Created((string?)null, ToDto(backup));
    }

    private static Results<Ok<BackupListDto>, ProblemHttpResult> ListBackups(IServiceProvider services)
    {
        if (services.GetService<EmbeddedBackups>() is not { } backups)
        {
            return BackupProblems.ClusterMode();
        }
        var options = services.GetRequiredService<IOptions<BackupOptions>>().Value;
        return TypedResults.Ok(new BackupListDto(backups.Folder, options.Interval == TimeSpan.Zero ? null : options.Interval,
            options.Retention, backups.List().Select(ToDto).ToList()));
    }

    private static BackupDto ToDto(BackupFile backup) => new(backup.Name, backup.SizeBytes, backup.TakenAt);
}
