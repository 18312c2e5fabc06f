using System.Text.RegularExpressions;

namespace DiuParibahan.WebFrontend.Tests.Architecture;

/// <summary>One C# source file of the repository: its path from the repository root (with '/') and its text.</summary>
public sealed record SourceFile(string Path, string Text)
{
    /// <summary>The text without comments (line, block and XML doc comments), so prose about a part does not count as using it.</summary>
    public string Code => Comments.Replace(Text, "");

    private static readonly Regex Comments = new(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline | RegexOptions.Compiled);
}

/// <summary>The repository's C# sources, read from disk (the checkout the tests were built from).</summary>
public static class SourceTree
{
    /// <summary>The directory holding DiuParibahan.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every file matching <paramref name="pattern"/> under <paramref name="folder"/> (relative to the root), build output left out.</summary>
    public static IReadOnlyList<SourceFile> Read(string folder, string pattern = "*.cs")
    {
        var directory = Path.Combine(Root, folder);
        return Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal)
                        && !p.Contains("/node_modules/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(p, File.ReadAllText(Path.Combine(Root, p))))
            .ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiuParibahan.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("DiuParibahan.sln not found above " + AppContext.BaseDirectory);
    }
}
