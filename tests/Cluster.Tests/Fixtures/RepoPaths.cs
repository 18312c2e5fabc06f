namespace DiuParibahan.Cluster.Tests.Fixtures;

/// <summary>Where the repository and this build's silo and frontend binaries are.</summary>
public static class RepoPaths
{
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiuParibahan.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("DiuParibahan.sln not found above the test binaries.");
    }
}
