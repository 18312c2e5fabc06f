namespace DiuParibahan.Grains;

/// <summary>Names of the grain storage providers the grains use; the hosts register them.</summary>
public static class StorageNames
{
    /// <summary>The one storage the product uses (SQLite in embedded mode, PostgreSQL in a cluster).</summary>
    public const string Default = "Default";
}
