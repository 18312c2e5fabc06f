using Microsoft.Data.Sqlite;

namespace DiuParibahan.Hosting.Storage;

/// <summary>The embedded-mode SQLite file: where it is, and creating it once with write-ahead logging.</summary>
internal static class SqliteDatabase
{
    /// <summary>
    /// The connection string Orleans and the event store use. It does not create the file: that happens once at
    /// start (<see cref="EnsureCreated"/>), so a file deleted while running fails loudly instead of silently
    /// starting empty.
    /// </summary>
    public static string ConnectionString(string databasePath) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();

    /// <summary>The full path of the file a SQLite connection string points at.</summary>
    public static string PathOf(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>
    /// Creates the folder and the file if missing and switches the file to write-ahead logging. WAL is a property of
    /// the file (it persists), so this is a no-op on later starts; it lets reads proceed while a write commits.
    /// </summary>
    public static void EnsureCreated(string connectionString)
    {
        var path = PathOf(connectionString);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot create the folder of SQLite database '{path}': {e.Message}", e);
        }

        var create = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWriteCreate };
        try
        {
            using var connection = new SqliteConnection(create.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StartupException(
                    $"SQLite database '{path}' cannot use write-ahead logging (journal mode stays '{mode}'); put it on a local disk.");
            }
        }
        catch (SqliteException e)
        {
            throw new StartupException($"Cannot open SQLite database '{path}': {e.Message}", e);
        }
    }
}
