using System.Diagnostics;

namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>Runs one of the repository's shell scripts (under <c>deploy/</c>) with extra environment variables.</summary>
public static class ShellScript
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>The repository root: the first folder above the test binaries that holds <c>deploy/pg-backup.sh</c>.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<Outcome> RunAsync(string script, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo
        {
            FileName = "bash",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the script and fails the test with its output unless it exits 0.</summary>
    public static async Task<string> SucceedAsync(string script, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var outcome = await RunAsync(script, arguments, environment);
        Assert.True(outcome.ExitCode == 0, $"{script} {string.Join(' ', arguments)} exited {outcome.ExitCode}: {outcome.Error}{outcome.Output}");
        return outcome.Output;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "deploy", "pg-backup.sh")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("deploy/pg-backup.sh not found above " + AppContext.BaseDirectory);
    }
}
