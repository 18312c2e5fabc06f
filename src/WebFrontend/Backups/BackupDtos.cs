namespace DiuParibahan.WebFrontend.Backups;

/// <summary>One backup file: its name in the backup folder, size in bytes and when it was taken.</summary>
public sealed record BackupDto(string Name, long SizeBytes, DateTimeOffset TakenAt);

/// <summary>The backup folder, the schedule (null when off), how many files are kept, and the files, newest first.</summary>
public sealed record BackupListDto(string Directory, TimeSpan? Interval, int Retention, IReadOnlyList<BackupDto> Backups);
