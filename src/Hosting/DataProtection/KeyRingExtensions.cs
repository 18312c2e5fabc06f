using DiuParibahan.Hosting.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.DataProtection;

/// <summary>One Data Protection key ring for every frontend of a deployment, kept in its database.</summary>
public static class KeyRingExtensions
{
    /// <summary>
    /// The application name every frontend uses: Data Protection isolates payloads by it, so it is fixed here rather
    /// than left to the default (the content root path, which differs between machines and container images).
    /// </summary>
    public const string ApplicationName = "DiuParibahan";

    /// <summary>
    /// Data Protection with the key ring in the <see cref="AppDatabase"/> <paramref name="database"/> resolves and the
    /// fixed <see cref="ApplicationName"/>: anything one frontend protects (the signed <c>dp_owner</c> cookie) the
    /// others read, before and after a restart.
    /// </summary>
    public static IDataProtectionBuilder AddKeyRingInDatabase(this IServiceCollection services, Func<IServiceProvider, AppDatabase> database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new SqlXmlRepository(database(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System)));
        return services.AddDataProtection().SetApplicationName(ApplicationName);
    }
}
