namespace DiuParibahan.WebFrontend.Queue;

/// <summary>The waiting room's frontend settings (section <c>Queue</c>, validated on start).</summary>
public sealed class QueueOptions
{
    /// <summary>
    /// Key that signs admissions (at least 32 characters; the same on every frontend). Required in cluster mode; embedded
    /// mode draws one per process, which is enough because <c>GET /api/queue/{id}/me</c> re-signs a live admission.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How often each frontend counts seats left from the departure boards and pushes queue changes (1–10 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a frontend trusts its copy of the sale-window list (0.5–30 s).</summary>
    public TimeSpan WindowCacheAge { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsValid(bool embedded) =>
        (SigningKey is { Length: >= 32 } || (embedded && string.IsNullOrEmpty(SigningKey)))
        && PollInterval >= TimeSpan.FromSeconds(0.1) && PollInterval <= TimeSpan.FromSeconds(10)
        && WindowCacheAge >= TimeSpan.FromSeconds(0.1) && WindowCacheAge <= TimeSpan.FromSeconds(30);
}
