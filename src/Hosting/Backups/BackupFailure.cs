namespace DiuParibahan.Hosting.Backups;

/// <summary>Why a backup was not taken. Nothing is left behind in the backup folder when one fails.</summary>
public enum BackupErrorCode
{
    /// <summary>The backup folder's disk has less free space than the database needs.</summary>
    NoSpace,

    /// <summary>The folder cannot be written, or the copy failed or did not pass its integrity check.</summary>
    Failed,
}

/// <summary>A backup that was not taken, with a one-line <paramref name="Detail"/> for the operator.</summary>
public sealed record BackupFailure(BackupErrorCode Code, string Detail);

/// <summary>Either the backup taken or why not.</summary>
public sealed record BackupOutcome(BackupFile? Backup, BackupFailure? Failure);
