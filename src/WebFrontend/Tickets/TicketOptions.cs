namespace DiuParibahan.WebFrontend.Tickets;

/// <summary>
/// E-ticket settings (section <c>Tickets</c>). <see cref="SigningKey"/> signs QR payloads (HMAC-SHA256); every
/// frontend of a deployment needs the same key. In embedded mode without one, a key is generated once and kept in
/// <c>ticket-signing.key</c> next to the database, so tickets stay valid across restarts.
/// </summary>
public sealed class TicketOptions
{
    /// <summary>At least 32 characters; from user secrets or the environment.</summary>
    public string? SigningKey { get; set; }
}
