using System.Security.Cryptography;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Hosting;
using Microsoft.AspNetCore.Identity;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>
/// <c>dotnet WebFrontend.dll create-ops --login ops@example.com [--name "Operations"]</c>: creates an ops account in the
/// configured database (the SQLite file in embedded mode, <c>ConnectionStrings:Orleans</c> in a cluster), migrating it
/// first, and prints a temporary password that must be changed at the first sign-in. The way to the first ops account
/// of a deployment without demo data; later staff are created by ops in the app.
/// </summary>
public static class CreateOpsCommand
{
    public const string Name = "create-ops";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command; returns the process exit code (0 created, 1 bad arguments or database, 2 login taken).</summary>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, TextWriter output, TextWriter error)
    {
        var login = Option(args, "--login");
        var name = Option(args, "--name") ?? "Operations";
        if (!LoginIdentifier.TryNormalise(login, out var normalised))
        {
            await error.WriteLineAsync($"Usage: {Name} --login <e-mail or 01XXXXXXXXX> [--name \"Display name\"]");
            return 1;
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > 80)
        {
            await error.WriteLineAsync("--name must be 1–80 characters.");
            return 1;
        }
        var embedded = builder.Configuration.IsEmbedded();
        var (provider, connectionString) = embedded
            ? (DatabaseProvider.Sqlite, AppDatabase.SqliteConnectionString(builder.EmbeddedDataPath()))
            : (DatabaseProvider.PostgreSql, builder.Configuration.GetConnectionString("Orleans") ?? "");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync("Cluster mode needs ConnectionStrings:Orleans (PostgreSQL).");
            return 1;
        }
        try
        {
            await output.WriteLineAsync($"Bringing the {(embedded ? "SQLite" : "PostgreSQL")} schema up to date…");
            await SchemaMigrator.MigrateAsync(provider, connectionString);
        }
        catch (StartupException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        await using var database = embedded ? AppDatabase.ForSqliteFile(builder.EmbeddedDataPath()) : AppDatabase.ForPostgres(connectionString);
        var users = new UserStore(database);
        var password = TemporaryPassword.New();
        var hasher = new PasswordHasher<UserAccount>();
        var user = new UserAccount(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), normalised, name.Trim(), "", Roles.Ops, null,
            DateTimeOffset.UtcNow, PasswordChangeRequired: true);
        if (!await users.TryCreateAsync(user with { PasswordHash = hasher.HashPassword(user, password) }))
        {
            await error.WriteLineAsync($"An account with the login {normalised} already exists; nothing was changed.");
            return 2;
        }
        await output.WriteLineAsync($"Created ops account {normalised}.");
        await output.WriteLineAsync($"Temporary password: {password}");
        await output.WriteLineAsync("Sign in with it once; you will be asked to choose a new password. It is not shown again.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
