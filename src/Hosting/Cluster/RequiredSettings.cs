using DiuParibahan.Hosting.Storage;
using Microsoft.Extensions.Configuration;

namespace DiuParibahan.Hosting.Cluster;

/// <summary>A setting a host cannot start without, and what to give it.</summary>
public sealed record RequiredSetting(string Key, string What);

/// <summary>
/// The settings each host needs in cluster mode, in one list that the hosts check at start-up and that the deploy-file
/// test checks <c>deploy/docker/compose.yaml</c> and <c>deploy/k8s</c> against, so a container cannot be written that
/// stops at start for want of a key.
/// </summary>
public static class RequiredSettings
{
    /// <summary>A web frontend in cluster mode (an Orleans client of the silos).</summary>
    public static readonly IReadOnlyList<RequiredSetting> WebFrontend =
    [
        new("ConnectionStrings:Orleans", "the PostgreSQL connection string of the cluster"),
        new("Auth:SigningKey", "the access-token signing key (base64, at least 32 bytes, the same on every frontend)"),
        new("Tickets:SigningKey", "the e-ticket QR signing key (at least 32 characters, the same on every frontend)"),
    ];

    /// <summary>A silo.</summary>
    public static readonly IReadOnlyList<RequiredSetting> Silo =
    [
        new("ConnectionStrings:Orleans", "the PostgreSQL connection string of the cluster"),
    ];

    /// <summary>Throws one <see cref="StartupException"/> naming every missing setting (with its environment variable name).</summary>
    public static void EnsurePresent(IConfiguration configuration, IReadOnlyList<RequiredSetting> required)
    {
        var missing = required.Where(s => string.IsNullOrWhiteSpace(configuration[s.Key])).ToList();
        if (missing.Count > 0)
        {
            throw new StartupException("missing required settings: " + string.Join("; ",
                missing.Select(s => $"{s.Key} (environment {EnvironmentName(s.Key)}): {s.What}")) + ".");
        }
    }

    /// <summary>The environment variable that supplies <paramref name="key"/>: <c>Auth:SigningKey</c> → <c>Auth__SigningKey</c>.</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
