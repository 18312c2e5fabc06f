using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Events;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiuParibahan.WebFrontend.Analytics;

public static class AnalyticsExtensions
{
    /// <summary>
    /// Reports, the rollup worker that feeds them, search events and the ops booking search (section <c>Analytics</c>).
    /// Embedded mode shares the silo's events log; a cluster frontend writes search events to the PostgreSQL one.
    /// </summary>
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AnalyticsOptions>().Bind(builder.Configuration.GetSection("Analytics"))
            .Validate(o => o.RollupInterval > TimeSpan.Zero && o.RollupBatchSize > 0, "Analytics: the rollup interval and batch size must be positive.")
            .Validate(o => o.OrleansDashboardUrl is null || Uri.TryCreate(o.OrleansDashboardUrl, UriKind.Absolute, out _),
                "Analytics:OrleansDashboardUrl must be an absolute URL.")
            .ValidateOnStart();
        if (!builder.Configuration.IsEmbedded())
        {
            var connectionString = builder.Configuration.GetConnectionString("Orleans")
                                   ?? throw new StartupException("Cluster mode needs ConnectionStrings:Orleans (PostgreSQL).");
            services.TryAddSingleton<IEventStore>(_ => SqlEventStore.Create(DatabaseProvider.PostgreSql, connectionString));
        }
        services.TryAddSingleton<BufferedEventWriter>();
        services.AddSingleton<RollupStore>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<BookingSearch>();
        services.AddHostedService<RollupWorker>();
        return builder;
    }
}
