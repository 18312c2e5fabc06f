using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace DiuParibahan.Benchmarks.Report;

/// <summary>What the numbers were measured on.</summary>
public sealed record MachineInfo(int Cores, string Memory, string Cpu, string Dotnet, string Orleans, string Postgres, DateTimeOffset Date)
{
    public static MachineInfo Read(string repositoryRoot, string postgresVersion)
    {
        var cpu = ReadLine("/proc/cpuinfo", @"^model name\s*:\s*(.+)$") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadLine("/proc/meminfo", @"^MemTotal:\s*(\d+) kB$") is { } kb ? $"{long.Parse(kb) / 1024 / 1024.0:F1} GiB" : "unknown";
        var props = File.ReadAllText(Path.Combine(repositoryRoot, "Directory.Packages.props"));
        var orleans = Regex.Match(props, "<OrleansVersion>([^<]+)</OrleansVersion>").Groups[1].Value;
        return new MachineInfo(Environment.ProcessorCount, memory, cpu, RuntimeInformation.FrameworkDescription, orleans,
            postgresVersion, DateTimeOffset.UtcNow);
    }

    public string Describe() =>
        $"{Date:yyyy-MM-dd HH:mm} UTC · {Cores} cores (`nproc`) · {Memory} RAM · {Cpu} · {Dotnet} · Orleans {Orleans} · {Postgres}";

    private static string? ReadLine(string file, string pattern) =>
        File.Exists(file)
            ? File.ReadLines(file).Select(l => Regex.Match(l, pattern)).FirstOrDefault(m => m.Success)?.Groups[1].Value.Trim()
            : null;
}
