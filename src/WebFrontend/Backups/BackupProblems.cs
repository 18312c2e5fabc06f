using DiuParibahan.Hosting.Backups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Backups;

/// <summary>Backup outcomes as ProblemDetails, coded like every other problem of the API (<c>type</c>, <c>code</c>).</summary>
public static class BackupProblems
{
    /// <summary>
    /// Cluster mode: the data is in PostgreSQL, backed up by continuous archiving with <c>deploy/cluster.sh</c>, not
    /// by a frontend.
    /// </summary>
    public static ProblemHttpResult ClusterMode() => Problem(StatusCodes.Status409Conflict, "backups-in-cluster",
        "Backups are taken by the database tooling in cluster mode",
        "PostgreSQL is backed up by WAL archiving and base backups: run 'deploy/cluster.sh backup' to take one and "
        + "'deploy/cluster.sh backups' to list them on the database host.");

    /// <summary>A backup that was not taken: no space (409 <c>backup-no-space</c>) or the copy failed (409 <c>backup-failed</c>).</summary>
    public static ProblemHttpResult ToProblem(this BackupFailure failure) => failure.Code switch
    {
        BackupErrorCode.NoSpace => Problem(StatusCodes.Status409Conflict, "backup-no-space",
            "The backup folder does not have enough space", failure.Detail),
        _ => Problem(StatusCodes.Status409Conflict, "backup-failed", "The backup could not be taken", failure.Detail),
    };

    private static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status,
            type: $"https://diuparibahan.example/problems/{code}", extensions: new Dictionary<string, object?> { ["code"] = code });
}
