using DiuParibahan.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiuParibahan.Hosting.Cluster;

/// <summary>
/// Runs a host so that a start-up failure (database down, bad connection string, schema missing, a silo that cannot
/// join) ends the process with exit code 1 and one readable line on stderr instead of a stack-trace wall. Failures after
/// start are left to the host's own logging.
/// </summary>
public static class StartupGuard
{
    /// <summary>Runs a configuration step; on a <see cref="StartupException"/> prints its line and returns false.</summary>
    public static bool Try(Action configure, string name)
    {
        try
        {
            configure();
            return true;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine($"{name} cannot start: {e.Message}");
            return false;
        }
    }

    public static int Run(IHost host, string name)
    {
        var started = false;
        try
        {
            host.Services.GetService<IHostApplicationLifetime>()?.ApplicationStarted.Register(() => started = true);
            host.Run();
            return 0;
        }
        catch (Exception e) when (!started)
        {
            Console.Error.WriteLine($"{name} cannot start: {Describe(e)}");
            return 1;
        }
    }

    // A StartupException already names what is wrong; anything else (e.g. an Orleans join failure) is reduced to its
    // innermost messages, which name the cause.
    private static string Describe(Exception e)
    {
        if (Find<StartupException>(e) is { } startup)
        {
            return startup.Message;
        }
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            var line = string.Join(' ', current.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (!messages.Contains(line))
            {
                messages.Add(line);
            }
        }
        return string.Join(" → ", messages);
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(x => x is not null) is { } inner)
            {
                return inner;
            }
        }
        return null;
    }
}
