using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>
/// The first ops account of a deployment without demo data: the built web frontend run as
/// <c>create-ops --login …</c> against a fresh database prints a temporary password that signs in, asking for a new one.
/// </summary>
public sealed partial class CreateOpsCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int ExitCode, string Output)> RunAsync(string dataPath, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "DiuParibahan.WebFrontend.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { dll, "create-ops" }.Concat(args).Concat(["--Orleans:DataPath", dataPath]))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task CreateOps_PrintsATemporaryPassword_ThatSignsInWithPasswordChangeRequired_AndASecondRunChangesNothing()
    {
        var dataPath = Path.Combine(Directory.CreateTempSubdirectory("dp-create-ops-").FullName, "ops.db");

        var (exitCode, output) = await RunAsync(dataPath, "--login", "First.Ops@Example.com", "--name", "Head of operations");

        Assert.True(exitCode == 0, output);
        var password = PasswordLine().Match(output).Groups["password"].Value;
        Assert.Equal(16, password.Length);
        await using var database = AppDatabase.ForSqliteFile(dataPath);
        var accounts = Accounts(database);
        var login = await accounts.LoginAsync("first.ops@example.com", password, Ct);
        Assert.True(login.Session?.PasswordChangeRequired, login.Failure?.Detail);
        Assert.Null(login.Session!.RefreshToken);
        Assert.Equal((Roles.Ops, "Head of operations"), (login.Session.User.Role, login.Session.User.Name));

        var again = await RunAsync(dataPath, "--login", "first.ops@example.com");
        Assert.Equal(2, again.ExitCode);
        Assert.True((await accounts.LoginAsync("first.ops@example.com", password, Ct)).Session?.PasswordChangeRequired);
    }

    [Fact]
    public async Task CreateOps_WithoutALogin_ExitsWithUsage()
    {
        var dataPath = Path.Combine(Directory.CreateTempSubdirectory("dp-create-ops-").FullName, "ops.db");

        var (exitCode, output) = await RunAsync(dataPath);

        Assert.Equal(1, exitCode);
        Assert.Contains("Usage: create-ops --login", output);
    }

    private static AccountService Accounts(AppDatabase database)
    {
        var clock = TimeProvider.System;
        var options = Options.Create(new AuthOptions());
        return new AccountService(new UserStore(database), new RefreshTokenStore(database, clock),
            new TokenIssuer(new SigningKeys(RandomNumberGenerator.GetBytes(32)), options, clock), new PasswordHasher<UserAccount>(), options, clock,
            NullLogger<AccountService>.Instance);
    }

    [GeneratedRegex(@"Temporary password: (?<password>\S+)")]
    private static partial Regex PasswordLine();
}
