using DiuParibahan.Hosting.Backups;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Backups;

/// <summary>Backup outcomes as problems of the <see cref="ProblemCatalog"/>.</summary>
public static class BackupProblems
{
    /// <summary>
    /// Cluster mode: the data is in PostgreSQL, backed up by continuous archiving with <c>deploy/cluster.sh</c>, not
    /// by a frontend.
    /// </summary>
    public static ProblemHttpResult ClusterMode() => ApiProblems.Create("backups-in-cluster",
        "PostgreSQL is backed up by WAL archiving and base backups: run 'deploy/cluster.sh backup' to take one and "
        + "'deploy/cluster.sh backups' to list them on the database host.");

    /// <summary>A backup that was not taken: no space (409 <c>backup-no-space</c>) or the copy failed (409 <c>backup-failed</c>).</summary>
    public static ProblemHttpResult ToProblem(this BackupFailure failure) => failure.Code switch
    {
        BackupErrorCode.NoSpace => ApiProblems.Create("backup-no-space", failure.Detail),
        _ => ApiProblems.Create("backup-failed", failure.Detail),
    };
}
