using DiuParibahan.Hosting;
using DiuParibahan.Hosting.Cluster;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Seeding;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>How this frontend reaches grains (section <c>Orleans</c>).</summary>
public sealed class OrleansModeOptions
{
    /// <summary><c>Embedded</c> (default): co-hosted silo on SQLite. <c>Cluster</c>: Orleans client of silos on PostgreSQL.</summary>
    public string Mode { get; set; } = "Embedded";

    /// <summary>Embedded mode: the SQLite file for grain state and reminders.</summary>
    public string DataPath { get; set; } = "data/diuparibahan.db";

    /// <summary>
    /// Embedded mode: silo-to-silo port. Unset (the default), a free loopback port is taken at start, so several
    /// embedded apps run side by side on one machine; nothing outside the process connects to it.
    /// </summary>
    public int? SiloPort { get; set; }

    /// <summary>Embedded mode: client gateway port; unset, a free one is taken at start.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>Cluster id; silos and frontends of one deployment share it.</summary>
    public string ClusterId { get; set; } = "diuparibahan";

    /// <summary>Service id; keys grain state and reminders in storage. Keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "diuparibahan";
}

public static class OrleansModeExtensions
{
    public static bool IsEmbedded(this IConfiguration configuration) =>
        !string.Equals(configuration["Orleans:Mode"], "Cluster", StringComparison.OrdinalIgnoreCase);

    /// <summary>Embedded mode: the full path of the SQLite file (<c>Orleans:DataPath</c>, relative to the content root).</summary>
    public static string EmbeddedDataPath(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Orleans").Get<OrleansModeOptions>() ?? new OrleansModeOptions();
        return Path.GetFullPath(options.DataPath, builder.Environment.ContentRootPath);
    }

    /// <summary>
    /// Embedded: a silo in this process with localhost clustering, SQLite storage and the demo network.
    /// Cluster: an Orleans client finding gateways in the PostgreSQL membership table (<c>ConnectionStrings:Orleans</c>).
    /// </summary>
    public static WebApplicationBuilder AddOrleansForMode(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Orleans").Get<OrleansModeOptions>() ?? new OrleansModeOptions();
        builder.Services.AddSingleton(TimeProvider.System);
        if (builder.Configuration.IsEmbedded())
        {
            var dataPath = builder.EmbeddedDataPath();
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(options.SiloPort ?? FreeTcpPort.Next(), options.GatewayPort ?? FreeTcpPort.Next(),
                    serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.UseSqlitePersistence(dataPath);
                silo.AddTicketingGrains(builder.Configuration);
                silo.AddNotificationDispatch(builder.Configuration);
                silo.AddActivityPropagation();
            });
            builder.Services.Configure<SeedingOptions>(o => o.DemoNetwork = true);
            builder.Services.Configure<SeedingOptions>(builder.Configuration.GetSection("Seeding"));
            builder.Services.AddSingleton<NetworkSeeder>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<NetworkSeeder>());
        }
        else
        {
            RequiredSettings.EnsurePresent(builder.Configuration, RequiredSettings.WebFrontend);
            var connectionString = builder.Configuration.GetConnectionString("Orleans")!;
            builder.Services.AddClusterSchemaCheck(connectionString);
            builder.UseOrleansClient(client =>
            {
                client.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                client.UsePostgresClustering(connectionString);
                client.AddActivityPropagation();
                client.UseFastGatewayRefresh();
            });
        }
        return builder;
    }
}
