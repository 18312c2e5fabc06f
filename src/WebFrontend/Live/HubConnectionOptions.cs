namespace DiuParibahan.WebFrontend.Live;

/// <summary>Settings of every SignalR connection (section <c>Hubs</c>, validated on start).</summary>
public sealed class HubConnectionOptions
{
    /// <summary>
    /// How long a connection may stay silent before the server closes it and releases its watches and follows
    /// (1 s – 10 min; default 60 s). Browsers ping every 15 s, so in production keep it at least twice that; the tests
    /// set a short one to see an idle connection closed.
    /// </summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsValid() => ClientTimeout >= TimeSpan.FromSeconds(1) && ClientTimeout <= TimeSpan.FromMinutes(10);
}
