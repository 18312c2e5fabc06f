using DiuParibahan.Hosting.Audit;

namespace DiuParibahan.WebFrontend.Audit;

/// <summary>Wiring of the audit log: the SQL store on the app database, the recorder endpoints call and the filter.</summary>
public static class AuditExtensions
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuditLog, SqlAuditLog>();
        builder.Services.AddSingleton<AuditRecorder>();
        builder.Services.AddSingleton<AuditFilter>();
        return builder;
    }
}
