using System.Collections.Concurrent;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>
/// An app of its own for hostile input (the fuzzer acts as ops too, and the activation test counts grains), with every
/// log entry at Error or above that carries an exception kept for the tests to inspect.
/// </summary>
public sealed class HardeningAppFixture : WebAppFixture
{
    public ErrorLog Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    /// <summary>
    /// A signed-in passenger's access token, from the SMS-code sign-in (a verified phone, so it may hold seats). The one
    /// place the fuzz and lookup tests get a passenger.
    /// </summary>
    public async Task<string> PassengerTokenAsync() => (await this.SignInByCodeAsync()).AccessToken;

    /// <summary>Log entries at Error or above with an exception attached: an unhandled failure somewhere.</summary>
    public sealed class ErrorLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public IReadOnlyCollection<string> Entries => _entries.ToArray();

        public void Clear() => _entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error && exception is not null)
                {
                    entries.Enqueue($"{category}: {formatter(state, exception)}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        }
    }
}

// Alone, after the parallel collections: the activation test measures the process's memory.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HardeningCollection : ICollectionFixture<HardeningAppFixture>
{
    public const string Name = "hardening-app";
}
