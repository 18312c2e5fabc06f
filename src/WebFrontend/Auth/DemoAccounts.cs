using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Embedded mode: a clerk at the Kalyanpur counter and an ops account, each given a new random password at every start
/// and printed once, so a demo can sign in as staff without any password living in the repository.
/// </summary>
public sealed partial class DemoAccounts(
    UserStore users, AccountService accounts, IPasswordHasher<UserAccount> hasher, ILogger<DemoAccounts> logger) : IHostedService
{
    public static readonly (string Login, string Name, string Role, string? CounterId)[] Accounts =
    [
        ("clerk.kalyanpur@diuparibahan.local", "Kalyanpur counter clerk", Roles.Clerk, "dhaka-kalyanpur"),
        ("ops@diuparibahan.local", "Operations", Roles.Ops, null),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (login, name, role, counterId) in Accounts)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
            if (await users.FindByLoginAsync(login, cancellationToken) is { } existing)
            {
                await users.SetPasswordHashAsync(existing.Id, hasher.HashPassword(existing, password), cancellationToken);
            }
            else
            {
                var user = accounts.NewAccount(login, name, role, counterId);
                await users.TryCreateAsync(user with { PasswordHash = hasher.HashPassword(user, password) }, cancellationToken);
            }
            LogDemoAccount(role, login, password);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Deliberately logs a password: a throwaway demo credential, embedded mode only, new at every start.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo {Role} account: {Login} / password {Password} (embedded mode only; changes at every start)")]
    private partial void LogDemoAccount(string role, string login, string password);
}
