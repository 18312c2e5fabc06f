namespace DiuParibahan.Hosting.Backups;

/// <summary>
/// Online backups of the embedded-mode SQLite file (section <c>Backups</c>). Cluster mode backs PostgreSQL up with
/// <c>deploy/cluster.sh backup</c> instead.
/// </summary>
public sealed class BackupOptions
{
    /// <summary>
    /// Where backup files go. Relative paths are resolved against the folder of the database file; default
    /// <c>backups</c> beside it. Point it at another disk (or a mounted off-machine share) so losing the data disk does
    /// not lose the backups too.
    /// </summary>
    public string Directory { get; set; } = "backups";

    /// <summary>How often a scheduled backup is taken; <see cref="TimeSpan.Zero"/> turns the schedule off. Default 1 hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many backup files to keep (manual and scheduled alike); the oldest beyond that are deleted. Default 48.</summary>
    public int Retention { get; set; } = 48;

    /// <summary>Whether the values make sense: a folder, a schedule of at least a minute (or off), at least one file kept.</summary>
    public bool IsValid() =>
        !string.IsNullOrWhiteSpace(Directory)
        && (Interval == TimeSpan.Zero || Interval >= TimeSpan.FromMinutes(1))
        && Retention >= 1;
}
