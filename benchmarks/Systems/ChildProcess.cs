using System.Diagnostics;
using System.Threading.Channels;

namespace DiuParibahan.Benchmarks.Systems;

/// <summary>A Release build of one of our hosts (<c>dotnet X.dll</c>) run as a child process, its output kept in a log file.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly List<Process> Running = [];
    /// <summary>Lines a child writes with this prefix are protocol messages for its parent (see <see cref="Messages"/>).</summary>
    public const string MessagePrefix = "@";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();

    private ChildProcess(Process process, StreamWriter log, string name, string logPath)
    {
        (_process, _log, Name, LogPath) = (process, log, name, logPath);
    }

    /// <summary>
    /// The child's protocol messages: its standard output lines that start with <see cref="MessagePrefix"/>, without it
    /// (they are logged as well). Completes when the child's output ends.
    /// </summary>
    public ChannelReader<string> Messages => _messages.Reader;

    public string Name { get; }

    public string LogPath { get; }

    /// <summary>
    /// Starts <c>dotnet <paramref name="assemblyPath"/> <paramref name="arguments"/></c>; with <paramref name="interactive"/>
    /// its standard input stays open for <see cref="SendAsync"/>.
    /// </summary>
    public static ChildProcess Start(string name, string assemblyPath, IReadOnlyDictionary<string, string> environment, string logDirectory,
        IReadOnlyList<string>? arguments = null, bool interactive = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = interactive,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assemblyPath}.");
        lock (Running)
        {
            Running.Add(process);
        }
        var child = new ChildProcess(process, log, name, logPath);
        process.OutputDataReceived += (_, e) =>
        {
            Write(log, e.Data);
            if (e.Data is null)
            {
                child._messages.Writer.TryComplete();
            }
            else if (e.Data.StartsWith(MessagePrefix, StringComparison.Ordinal))
            {
                child._messages.Writer.TryWrite(e.Data[MessagePrefix.Length..]);
            }
        };
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Writes one line to the standard input of a child started <c>interactive</c>.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next protocol message; fails if the child ends first or nothing comes within <paramref name="timeout"/>.</summary>
    public async Task<string> ReadMessageAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"{Name} ended before its next message; see {LogPath}.");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} sent no message within {timeout}; see {LogPath}.");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills every child still running, e.g. when the benchmark is interrupted with Ctrl+C.</summary>
    public static void KillAll()
    {
        lock (Running)
        {
            foreach (var process in Running.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx; fails early if the process dies.</summary>
    public async Task WaitReadyAsync(HttpClient http, string url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; see {LogPath}.");
            }
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} was not ready at {url} within {timeout}; see {LogPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
