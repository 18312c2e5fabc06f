using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Hosting.Storage;

/// <summary>
/// Migrates the database in the host's "starting" phase, which .NET runs before any hosted service's StartAsync,
/// so before the silo starts and its providers load their queries. A failure there stops the host with the
/// <see cref="StartupException"/> itself, not an error buried in a silo lifecycle stage.
/// </summary>
internal sealed partial class SchemaMigrationService(
    DatabaseProvider provider, string connectionString, ILogger<SchemaMigrationService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var applied = await SchemaMigrator.MigrateAsync(provider, connectionString, cancellationToken);
        if (applied.Count > 0)
        {
            LogApplied(provider, string.Join(", ", applied));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Provider} schema migrations {Versions}")]
    private partial void LogApplied(DatabaseProvider provider, string versions);
}
