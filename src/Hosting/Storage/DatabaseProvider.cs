namespace DiuParibahan.Hosting.Storage;

/// <summary>The databases the product runs on; each has its own migration scripts under <c>deploy/sql/</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>Cluster mode: membership, grain state, reminders and events in PostgreSQL.</summary>
    PostgreSql,

    /// <summary>Embedded mode: grain state, reminders and events in one local SQLite file.</summary>
    Sqlite,
}
