namespace DiuParibahan.WebFrontend.Auth;

/// <summary>A stored account. <paramref name="Login"/> is the normalised identifier; <paramref name="CounterId"/> is set for clerks.</summary>
public sealed record UserAccount(
    string Id, string Login, string DisplayName, string PasswordHash, string Role, string? CounterId, DateTimeOffset CreatedAt);
