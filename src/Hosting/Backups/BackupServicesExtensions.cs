using DiuParibahan.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.Backups;

public static class BackupServicesExtensions
{
    /// <summary>
    /// Embedded mode: <see cref="EmbeddedBackups"/> of the SQLite file at <paramref name="databasePath"/> (options section
    /// <c>Backups</c>, validated at start) and the scheduled backups.
    /// </summary>
    public static IServiceCollection AddEmbeddedBackups(this IServiceCollection services, IConfiguration configuration, string databasePath)
    {
        var path = SqliteDatabase.PathOf(SqliteDatabase.ConnectionString(databasePath));
        services.AddOptions<BackupOptions>()
            .Bind(configuration.GetSection("Backups"))
            .Validate(o => o.IsValid(),
                "Backups: Directory must be set, Interval must be 00:00:00 (off) or at least 00:01:00, Retention at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EmbeddedBackups(path, sp.GetRequiredService<IOptions<BackupOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EmbeddedBackups>>()));
        services.AddHostedService<ScheduledBackups>();
        return services;
    }
}
