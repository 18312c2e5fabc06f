namespace DiuParibahan.Hosting.Backups;

/// <summary>One backup file: its name in the backup folder, full path, size in bytes and when it was taken (UTC).</summary>
public sealed record BackupFile(string Name, string Path, long SizeBytes, DateTimeOffset TakenAt);
