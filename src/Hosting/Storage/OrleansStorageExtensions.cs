using DiuParibahan.Hosting.Backups;
using DiuParibahan.Hosting.Events;
using DiuParibahan.Hosting.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Storage;

namespace DiuParibahan.Hosting.Storage;

/// <summary>
/// Where the silo keeps grain state, reminders, membership and events: one SQLite file in embedded mode, one
/// PostgreSQL database in a cluster. Each call registers a start-up step that creates or migrates the schema
/// before the silo starts; if that fails, starting the host throws a <see cref="StartupException"/>.
/// </summary>
public static class OrleansStorageExtensions
{
    // Orleans maps this invariant to Microsoft.Data.Sqlite's factory; "Microsoft.Data.Sqlite" itself is refused.
    private const string SqliteInvariant = "System.Data.SQLite";
    private const string PostgresInvariant = "Npgsql";
    private const string DefaultStorage = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;

    /// <summary>
    /// Embedded mode: grain state (the default storage, <c>"Default"</c>), reminders, the <see cref="IEventStore"/>, the notification <see cref="OutboxStore"/>
    /// in the SQLite file at <paramref name="databasePath"/> (a relative path is resolved against the current
    /// directory when this is called). At start the folder and file are created if missing,
    /// the file is switched to write-ahead logging and migrated. All SQLite work of the silo goes through one async
    /// single-writer gate off the grain scheduler. Clustering is not configured here (use localhost clustering).
    /// With <c>Storage:RestoreFrom</c> set, the file is first replaced by that backup (<see cref="SqliteRestore"/>; a
    /// missing or corrupt backup throws a <see cref="StartupException"/> and changes nothing); online and scheduled
    /// backups (section <c>Backups</c>) are <see cref="EmbeddedBackups"/>.
    /// </summary>
    public static ISiloBuilder UseSqlitePersistence(this ISiloBuilder silo, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var connectionString = SqliteDatabase.ConnectionString(databasePath);
        var gate = SqliteGate.For(connectionString);

        // Before anything opens the file: the restored database is the one every later step migrates and uses.
        if (silo.Configuration[SqliteRestore.OptionName] is { Length: > 0 } restoreFrom)
        {
            SqliteRestore.Restore(SqliteDatabase.PathOf(connectionString), restoreFrom, TimeProvider.System.GetUtcNow());
        }
        silo.Services.AddEmbeddedBackups(silo.Configuration, databasePath);

        AddMigrationOnStart(silo.Services, DatabaseProvider.Sqlite, connectionString);

        silo.AddAdoNetGrainStorage(DefaultStorage, options =>
        {
            options.Invariant = SqliteInvariant;
            options.ConnectionString = connectionString;
        });
        // Registered after the AdoNet storage, so it wins the key; the AdoNet registration's lifecycle subscription
        // resolves this decorator, which forwards it.
        silo.Services.AddKeyedSingleton<IGrainStorage>(DefaultStorage, (services, _) =>
            new GatedGrainStorage(AdoNetGrainStorageFactory.Create(services, DefaultStorage), gate));

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = SqliteInvariant;
            options.ConnectionString = connectionString;
        });
        DecorateReminderTable(silo.Services, inner => new GatedReminderTable(inner, gate));

        silo.Services.AddSingleton<IEventStore>(_ => SqlEventStore.Create(DatabaseProvider.Sqlite, connectionString));
        silo.Services.AddSingleton(_ => new OutboxStore(AppDatabase.ForSqliteFile(databasePath)));
        return silo;
    }

    /// <summary>
    /// Cluster mode: membership (AdoNet clustering), grain state (the default storage, <c>"Default"</c>), reminders,
    /// the notification <see cref="OutboxStore"/> and the <see cref="IEventStore"/> in the PostgreSQL database of <paramref name="connectionString"/>, which is
    /// migrated at start (concurrent starts are safe). The caller sets <c>ClusterOptions</c> and endpoints.
    /// </summary>
    public static ISiloBuilder UsePostgresPersistence(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        AddMigrationOnStart(silo.Services, DatabaseProvider.PostgreSql, connectionString);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(DefaultStorage, options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });

        silo.Services.AddSingleton<IEventStore>(_ => SqlEventStore.Create(DatabaseProvider.PostgreSql, connectionString));
        silo.Services.AddSingleton(_ => new OutboxStore(AppDatabase.ForPostgres(connectionString)));
        return silo;
    }

    /// <summary>
    /// An Orleans client (the web frontend) that finds the silos' gateways in the PostgreSQL membership table of
    /// <paramref name="connectionString"/>. It does not migrate: the silos own the schema.
    /// </summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });
    }

    private static void AddMigrationOnStart(IServiceCollection services, DatabaseProvider provider, string connectionString) =>
        services.AddSingleton<IHostedService>(sp =>
            new SchemaMigrationService(provider, connectionString, sp.GetRequiredService<ILogger<SchemaMigrationService>>()));

    // Orleans' AdoNet reminder table is internal: keep its registration's type, construct it the same way, wrap it.
    private static void DecorateReminderTable(IServiceCollection services, Func<IReminderTable, IReminderTable> decorate)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IReminderTable) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No reminder table is registered to decorate.");
        var implementation = registered.ImplementationType
            ?? throw new InvalidOperationException("The registered reminder table is not a plain type registration.");
        services.Remove(registered);
        services.AddSingleton(sp => decorate((IReminderTable)ActivatorUtilities.CreateInstance(sp, implementation)));
    }
}
